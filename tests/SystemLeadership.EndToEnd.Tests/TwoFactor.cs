using System.Security.Cryptography;
using Microsoft.Playwright;

namespace SystemLeadership.EndToEnd.Tests;

/// <summary>Plays the authenticator app for a College administrator's first sign-in (RFC 6238 TOTP from the shown key).</summary>
public static class TwoFactor
{
    public static async Task CompleteSetUpIfAskedAsync(IPage page)
    {
        if (!page.Url.Contains("/Account/Manage/EnableAuthenticator", StringComparison.Ordinal)) return;
        await Accessibility.AssertNoViolationsAsync(page);
        await Assertions.Expect(page.GetByRole(AriaRole.Img, new() { Name = "QR code" })).ToHaveAttributeAsync("src", new System.Text.RegularExpressions.Regex("^data:image/png;base64,"));
        var key = (await page.Locator("kbd").First.InnerTextAsync()).Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        await page.GetByLabel("Verification code").FillAsync(Code(key, DateTimeOffset.UtcNow));
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Your authenticator app has been verified")).ToBeVisibleAsync();
    }

    public static string Code(string base32Key, DateTimeOffset at)
    {
        var counter = at.ToUnixTimeSeconds() / 30;
        Span<byte> message = stackalloc byte[8];
        for (var i = 7; i >= 0; i--, counter >>= 8) message[i] = (byte)(counter & 0xFF);
#pragma warning disable CA5350 // TOTP is defined over HMAC-SHA1.
        var hash = HMACSHA1.HashData(Base32(base32Key), message);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0F;
        var binary = ((hash[offset] & 0x7F) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static byte[] Base32(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bits = 0;
        var value = 0;
        var output = new List<byte>();
        foreach (var c in text.TrimEnd('='))
        {
            value = (value << 5) | alphabet.IndexOf(c, StringComparison.Ordinal);
            bits += 5;
            if (bits >= 8)
            {
                output.Add((byte)((value >> (bits - 8)) & 0xFF));
                bits -= 8;
            }
        }
        return [.. output];
    }
}
