// The Menu button on a phone: opens and closes the navigation drawer. Plain script with listeners on the document, so it
// works the same on static pages (account forms) and interactive ones, and survives Blazor re-rendering the app bar.
window.appNav = {
    // Remembers the alliance last shown (a slug, not a secret) so a static page's menu can show it too.
    remember: (slug) => {
        document.cookie = `sl-alliance=${encodeURIComponent(slug)}; path=/; max-age=31536000; samesite=lax`;
    },
    // Puts the focus on an element by its id: where a control a person pressed has been replaced, so the keyboard
    // carries on from the same place instead of the top of the page.
    focus: (id) => document.getElementById(id)?.focus(),
};

(() => {
    const setOpen = (open) => {
        document.body.classList.toggle('nav-open', open);
        document.querySelectorAll('[data-nav-toggle]').forEach(b => b.setAttribute('aria-expanded', String(open)));
    };
    const isOpen = () => document.body.classList.contains('nav-open');

    document.addEventListener('click', (e) => {
        // The skip link moves the focus to the page's content and stays on the page: the browser would only scroll to a
        // fragment's target, not focus it, and Blazor would take the click for a navigation.
        if (e.target.closest('.skip-link')) {
            e.preventDefault();
            document.getElementById('main-content')?.focus();
            return;
        }
        const toggle = e.target.closest('[data-nav-toggle]');
        if (toggle) {
            setOpen(!isOpen());
            if (isOpen()) document.querySelector('#app-drawer a')?.focus();
            return;
        }
        // Following a link, or a click beside the open drawer, closes it.
        if (isOpen() && (e.target.closest('#app-drawer a') || !e.target.closest('#app-drawer'))) setOpen(false);
    });

    // Focus that a person moves out of the open drawer (Tab past its last link) closes it, so it never hides what has
    // focus. Focus the page moves itself (Blazor focusing the heading, tabindex -1) is not the person leaving.
    document.addEventListener('focusin', (e) => {
        if (!isOpen() || e.target.closest('#app-drawer') || e.target.closest('[data-nav-toggle]')) return;
        if (e.target.getAttribute('tabindex') === '-1') return;
        setOpen(false);
    });

    // Back and forward never bring the drawer back open over another page.
    window.addEventListener('popstate', () => setOpen(false));

    // The open state lives on <body>, outside what Blazor draws; when the circuit starts it may draw the app bar's button
    // afresh with aria-expanded="false" while the drawer is open. Keep every Menu button saying what is true.
    const sync = () => {
        const open = String(isOpen());
        document.querySelectorAll('[data-nav-toggle]').forEach(b => { if (b.getAttribute('aria-expanded') !== open) b.setAttribute('aria-expanded', open); });
    };
    const watch = () => new MutationObserver(sync).observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ['aria-expanded'] });
    if (document.body) watch(); else document.addEventListener('DOMContentLoaded', watch);
    window.addEventListener('pageshow', (e) => { if (e.persisted) setOpen(false); });

    document.addEventListener('keydown', (e) => {
        if (e.key !== 'Escape' || !isOpen()) return;
        setOpen(false);
        document.querySelector('[data-nav-toggle]')?.focus();
    });
})();
