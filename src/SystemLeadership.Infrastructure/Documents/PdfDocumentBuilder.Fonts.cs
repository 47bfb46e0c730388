using SkiaSharp;

namespace SystemLeadership.Infrastructure.Documents;

// The text styles a document is laid out and drawn with, and the small font copies it embeds.
public sealed partial class PdfDocumentBuilder
{
    private sealed class TextStyle(EmbeddedFont source, float size, float leading) : IDisposable
    {
        private SKFont? drawing;

        public EmbeddedFont Source => source;

        /// <summary>Measures text; it has the whole font, so layout does not depend on what else is on the page.</summary>
        public SKFont Font { get; } = NewFont(source.Typeface, size);

        /// <summary>Draws text with the document's small copy of the font, which draws and advances each character it holds exactly as the whole font does.</summary>
        public SKFont DrawingFont => drawing ?? Font;

        public float Size => size;
        public float LineHeight => size * leading;

        /// <summary>From the top of a line box to the baseline, centring the font's ascent and descent in the box.</summary>
        public float Ascent => (LineHeight - (Font.Metrics.Descent - Font.Metrics.Ascent)) / 2 - Font.Metrics.Ascent;

        public void DrawWith(SKTypeface typeface)
        {
            drawing?.Dispose();
            drawing = NewFont(typeface, size);
        }

        public void Dispose()
        {
            Font.Dispose();
            drawing?.Dispose();
        }

        private static SKFont NewFont(SKTypeface typeface, float size) =>
            new(typeface, size) { LinearMetrics = true, Subpixel = true, Hinting = SKFontHinting.None };
    }

    private sealed class Styles : IDisposable
    {
        public TextStyle Body { get; } = new(DocumentFonts.Regular, 10.5f, 1.45f);
        public TextStyle BodyBold { get; } = new(DocumentFonts.Bold, 10.5f, 1.45f);
        public TextStyle Small { get; } = new(DocumentFonts.Regular, 8.5f, 1.3f);
        public TextStyle Title { get; } = new(DocumentFonts.Bold, 22f, 1.25f);
        public TextStyle Section { get; } = new(DocumentFonts.Bold, 14f, 1.3f);
        public TextStyle Subsection { get; } = new(DocumentFonts.Bold, 11.5f, 1.35f);
        public TextStyle TableText { get; } = new(DocumentFonts.Regular, 9.5f, 1.35f);
        public TextStyle TableHeader { get; } = new(DocumentFonts.Bold, 9.5f, 1.35f);

        public SKColor TextColour { get; } = new(0x0B, 0x0C, 0x0C);
        public SKColor MutedColour { get; } = new(0x50, 0x5A, 0x5F);
        public SKColor RuleColour { get; } = new(0xB1, 0xB4, 0xB6);
        public SKColor AccentColour { get; } = new(0x1D, 0x70, 0xB8);
        public SKColor ShadeColour { get; } = new(0xF3, 0xF2, 0xF1);

        public SKPaint Paint { get; } = new() { IsAntialias = true };

        private readonly List<SKTypeface> slimmed = [];

        private TextStyle[] All => [Body, BodyBold, Small, Title, Section, Subsection, TableText, TableHeader];

        /// <summary>
        /// Switches drawing to small copies of the fonts, so the PDF embeds only those: the copy every document shares
        /// when the text keeps to <see cref="CommonText"/>, otherwise a copy made for this document's characters.
        /// </summary>
        public void EmbedOnly(IEnumerable<TextOp> text)
        {
            var used = new Dictionary<EmbeddedFont, HashSet<int>>();
            foreach (var op in text)
            {
                if (!used.TryGetValue(op.Style.Source, out var set)) used[op.Style.Source] = set = [];
                foreach (var rune in op.Text.EnumerateRunes()) set.Add(rune.Value);
            }
            foreach (var (font, codePoints) in used)
            {
                var typeface = font.Common.CodePoints.IsSupersetOf(codePoints) ? font.Common.Typeface : Own(font.Holding(codePoints).Typeface);
                foreach (var style in All.Where(s => s.Source == font)) style.DrawWith(typeface);
            }
        }

        private SKTypeface Own(SKTypeface typeface)
        {
            slimmed.Add(typeface);
            return typeface;
        }

        public void Dispose()
        {
            foreach (var style in All) style.Dispose();
            foreach (var typeface in slimmed) typeface.Dispose();
            Paint.Dispose();
        }
    }
}
