using SkiaSharp;
using SystemLeadership.Domain.Designations;
using SystemLeadership.Infrastructure.Documents;

namespace SystemLeadership.Integration.Tests.Documents;

public class FontSlimmerTests
{
    private const string Used = "Zoë Brontë-Ørsted, Łódź, Page 1 of 2 (SLE) — 24 November 2026";

    private static SlimFont Holding(EmbeddedFont font, string text) => font.Holding(text.EnumerateRunes().Select(r => r.Value));

    [Fact]
    public void A_small_copy_draws_the_characters_it_holds_exactly_as_the_whole_font_does()
    {
        var full = DocumentFonts.Regular;
        var slim = Holding(full, Used);

        Assert.Equal(Pixels(full.Typeface, Used), Pixels(slim.Typeface, Used));
    }

    [Fact]
    public void A_small_copy_advances_its_characters_as_the_whole_font_does_and_draws_no_others()
    {
        var full = DocumentFonts.Bold;
        var data = FontSlimmer.Keep(full.Data, Used.EnumerateRunes().Distinct().ToDictionary(r => r.Value, r => full.Typeface.GetGlyph(r.Value)));
        using var slim = DocumentFonts.TypefaceFrom(data);
        using var fullFont = new SKFont(full.Typeface, 24);
        using var slimFont = new SKFont(slim, 24);

        Assert.True(data.Length < full.Data.Length / 20, $"Slimmed to {data.Length} of {full.Data.Length} bytes.");
        Assert.Equal(fullFont.MeasureText(Used), slimFont.MeasureText(Used));
        Assert.All(slimFont.GetGlyphs("Qwxyz"), glyph => Assert.Equal(0, glyph));
        Assert.NotEqual(Pixels(full.Typeface, "Qwxyz"), Pixels(slim, "Qwxyz"));
    }

    [Fact]
    public void The_common_copy_draws_latin_1_text_as_the_whole_font_does_and_is_made_once()
    {
        const string text = "Åsa Nuñez-Çelik: « déjà vu » – “£12.50” … ¿qué? ß";
        var full = DocumentFonts.Regular;

        Assert.True(full.Common.CodePoints.IsSupersetOf(text.EnumerateRunes().Select(r => r.Value)));
        Assert.Equal(Pixels(full.Typeface, text), Pixels(full.Common.Typeface, text));
        Assert.Same(full.Common, DocumentFonts.Regular.Common);
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

    [Theory]
    [InlineData("Łucja Wąsowska-Dźwonek")]
    [InlineData("Ольга Иванова")]
    [InlineData("Ελένη Παπαδοπούλου")]
    public void A_name_outside_the_common_characters_still_reads_back_from_the_letter(string name)
    {
        var application = new DesignationApplication(Guid.NewGuid(), "user-1", name, "holder@example.org", Presets.Sle);
        application.UpdateAnswers(new ApplicationAnswers(LeadershipRole.MiddleLeader, 30, ["Maths"]), null, null, DateTimeOffset.UnixEpoch);
        var designation = new Designation(application, new DateOnly(2026, 11, 24), "Margaret Thompson");

        var text = PdfText.All(DesignationLetter.Render(designation, "Swaledale Teaching Alliance", DateTimeOffset.UnixEpoch));

        Assert.Contains(name, text);
        Assert.Contains("Swaledale Teaching Alliance", text);
    }

    [Fact]
    public void A_small_copy_draws_characters_beyond_the_basic_plane_and_characters_the_font_lacks_as_the_whole_font_does()
    {
        // U+1D538 (double-struck A) is in DejaVu Sans, outside the 16-bit range; 漢 and the emoji are not in it at all.
        const string text = "A\U0001D538 漢 \U0001F600 b";
        var full = DocumentFonts.Regular;
        var slim = Holding(full, text);
        using var fullFont = new SKFont(full.Typeface, 24);
        using var slimFont = new SKFont(slim.Typeface, 24);

        Assert.NotEqual(0, full.Typeface.GetGlyph(0x1D538));
        Assert.NotEqual(0, slim.Typeface.GetGlyph(0x1D538));
        Assert.Equal(0, slim.Typeface.GetGlyph('漢'));
        Assert.Equal(fullFont.MeasureText(text), slimFont.MeasureText(text));
        Assert.Equal(Pixels(full.Typeface, text), Pixels(slim.Typeface, text));
    }

    [Fact]
    public void Letters_rendered_at_once_on_several_threads_are_the_same_as_each_rendered_alone()
    {
        // The common copy (shared) and copies of their own (made and disposed per letter), mixed.
        string[] names = ["Ada Lovelace", "Łucja Wąsowska", "Zoë Brontë-Ørsted", "Ольга Иванова"];
        var designations = names.Select(name =>
        {
            var application = new DesignationApplication(Guid.NewGuid(), "user-1", name, "holder@example.org", Presets.Sle);
            application.UpdateAnswers(new ApplicationAnswers(LeadershipRole.MiddleLeader, 30, ["Maths"]), null, null, DateTimeOffset.UnixEpoch);
            return new Designation(application, new DateOnly(2026, 11, 24), "Margaret Thompson");
        }).ToArray();
        var alone = designations.Select(d => DesignationLetter.Render(d, "Swaledale Teaching Alliance", DateTimeOffset.UnixEpoch)).ToArray();

        var together = new byte[32][];
        Parallel.For(0, together.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 },
            i => together[i] = DesignationLetter.Render(designations[i % designations.Length], "Swaledale Teaching Alliance", DateTimeOffset.UnixEpoch));

        for (var i = 0; i < together.Length; i++) Assert.Equal(alone[i % designations.Length], together[i]);
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
