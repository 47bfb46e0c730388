using Bunit;
using SkiaSharp;
using SystemLeadership.Web.Components.Account.Shared;
using ZXing;
using ZXing.Common;
using ZXing.QrCode;

namespace SystemLeadership.Web.Tests.Account;

public class AuthenticatorQrCodeTests : BunitContext
{
    private const string DataUriPrefix = "data:image/png;base64,";

    [Fact]
    public void The_QR_code_is_an_image_with_alt_text_that_a_scanner_reads_back_as_the_otpauth_address()
    {
        const string uri = "otpauth://totp/SystemLeadership:ada%40beck.sch.uk?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=SystemLeadership&digits=6";

        var cut = Render<AuthenticatorQrCode>(p => p
            .Add(c => c.Uri, uri)
            .Add(c => c.AltText, "QR code holding your authenticator key"));

        var img = cut.Find("img");
        Assert.Equal("QR code holding your authenticator key", img.GetAttribute("alt"));
        var src = img.GetAttribute("src")!;
        Assert.StartsWith(DataUriPrefix, src, StringComparison.Ordinal);
        Assert.Equal(uri, Scan(Convert.FromBase64String(src[DataUriPrefix.Length..])));
    }

    /// <summary>Reads the PNG as a phone's scanner would: grey levels in, the encoded text out.</summary>
    private static string Scan(byte[] png)
    {
        using var bitmap = SKBitmap.Decode(png);
        var grey = new byte[bitmap.Width * bitmap.Height];
        for (var y = 0; y < bitmap.Height; y++)
        {
            for (var x = 0; x < bitmap.Width; x++)
            {
                var pixel = bitmap.GetPixel(x, y);
                grey[(y * bitmap.Width) + x] = (byte)((pixel.Red + pixel.Green + pixel.Blue) / 3);
            }
        }
        var source = new RGBLuminanceSource(grey, bitmap.Width, bitmap.Height, RGBLuminanceSource.BitmapFormat.Gray8);
        var result = new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source)));
        return result.Text;
    }
}
