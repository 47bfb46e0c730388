namespace SystemLeadership.Web.Security;

/// <summary>
/// How much text can reach the server in one go, chosen on purpose. Every text box takes at most
/// <see cref="MaxTypedCharacters"/> characters in the browser (wwwroot/js/input-bounds.js): twice the longest field's own
/// limit (4,000), so over-long text still reaches its validator and gets the field's message. In the worst case each of
/// those UTF-16 units is JSON-escaped to six bytes ("\u0000"), 48 KB; the circuit's largest incoming message is set a
/// little above that, so no typed input can exceed it and drop the connection, while a runaway client still cannot send
/// megabytes.
/// </summary>
public static class InputBounds
{
    public const int MaxTypedCharacters = 8_000;

    public const long MaxCircuitMessageBytes = 64 * 1024;
}
