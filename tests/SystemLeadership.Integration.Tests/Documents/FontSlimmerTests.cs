using SkiaSharp;
using SystemLeadership.Domain.Designations;
using SystemLeadership.Infrastructure.Documents;

namespace SystemLeadership.Integration.Tests.Documents;

public class FontSlimmerTests
{
    private const string Used = "Zoë Brontë-Ørsted, Page 1 of 2 (SLE) — 24 November 2026";

    [Fact]
    public void A_slimmed_font_draws_the_glyphs_it_kept_exactly_as_the_full_font_does()
    {
        var full = DocumentFonts.Regular;
        using var measuring = new SKFont(full.Typeface, 24);
        using var slim = DocumentFonts.TypefaceFrom(FontSlimmer.Keep(full.Data, measuring.GetGlyphs(Used)));

        Assert.Equal(Pixels(full.Typeface, Used), Pixels(slim, Used));
    }

    [Fact]
    public void A_slimmed_font_keeps_glyph_ids_and_advances_but_drops_unused_outlines()
    {
        var full = DocumentFonts.Bold;
        using var fullFont = new SKFont(full.Typeface, 24);
        var data = FontSlimmer.Keep(full.Data, fullFont.GetGlyphs(Used));
        using var slim = DocumentFonts.TypefaceFrom(data);
        using var slimFont = new SKFont(slim, 24);

        Assert.True(data.Length < full.Data.Length / 5, $"Slimmed to {data.Length} of {full.Data.Length} bytes.");
        Assert.Equal(fullFont.GetGlyphs("Qwxyz"), slimFont.GetGlyphs("Qwxyz"));
        Assert.Equal(fullFont.MeasureText(Used), slimFont.MeasureText(Used));
        Assert.NotEqual(Pixels(full.Typeface, "Qwxyz"), Pixels(slim, "Qwxyz"));
    }

    [Fact]
    public void A_letter_embeds_only_a_small_part_of_its_fonts()
    {
        var application = new DesignationApplication(Guid.NewGuid(), "user-1", "Ada Lovelace", "ada@example.org", Presets.Sle);
        application.UpdateAnswers(new ApplicationAnswers(LeadershipRole.MiddleLeader, 30, ["Maths"]), null, null, DateTimeOffset.UnixEpoch);
        var designation = new Designation(application, new DateOnly(2026, 11, 24), "Margaret Thompson");

        var pdf = DesignationLetter.Render(designation, "Swaledale Teaching Alliance", DateTimeOffset.UnixEpoch);

        // Both DejaVu files whole come to over 1.4 MB, about 750 KB compressed.
        Assert.InRange(pdf.Length, 1_000, 150_000);
    }

    private static byte[] Pixels(SKTypeface typeface, string text)
    {
        using var bitmap = new SKBitmap(900, 40);
        using var canvas = new SKCanvas(bitmap);
        using var font = new SKFont(typeface, 24);
        using var paint = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        canvas.Clear(SKColors.White);
        canvas.DrawText(text, 4, 30, font, paint);
        return bitmap.Bytes;
    }
}
