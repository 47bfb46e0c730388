// Typed or pasted text is bounded in the browser before it is sent over the circuit: no text box takes more than
// 8,000 characters (twice the longest field's limit, 4,000), so a 30,000-character paste reaches the server as 8,000,
// where the field's own validator says "4,000 characters or fewer" — instead of a message too big for the circuit
// dropping the connection. Server-side limits stay the rule; this only keeps the transport out of it.
// The circuit's largest message is set to match in Program.cs (InputBounds).
(() => {
    const max = 8000;
    const bound = root => {
        for (const el of root.querySelectorAll ? root.querySelectorAll("input, textarea") : []) {
            if (el.type === "file" || el.type === "hidden" || el.type === "checkbox" || el.type === "radio") continue;
            if (el.maxLength < 0 || el.maxLength > max) el.maxLength = max;
        }
    };
    const start = () => {
        bound(document);
        new MutationObserver(changes => {
            for (const change of changes) for (const node of change.addedNodes) if (node.nodeType === 1) {
                if (node.matches("input, textarea")) bound(node.parentElement ?? node); else bound(node);
            }
        }).observe(document.body, { childList: true, subtree: true });
    };
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();
})();
