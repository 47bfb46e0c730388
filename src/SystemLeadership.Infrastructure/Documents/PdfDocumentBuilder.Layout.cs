using SkiaSharp;

namespace SystemLeadership.Infrastructure.Documents;

// What a document is made of (blocks), what its pages are drawn from (draw operations), and the layout between them.
public sealed partial class PdfDocumentBuilder
{
    private abstract record Block;
    private sealed record HeadingBlock(string Text, HeadingLevel Level) : Block;
    private sealed record ParagraphBlock(string Text, bool Bold, bool Muted, TextAlignment Align) : Block;
    private sealed record KeyValueBlock(IReadOnlyList<KeyValuePair<string, string>> Items) : Block;
    private sealed record TableBlock(IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows, IReadOnlyList<float> Weights) : Block;
    private sealed record SpaceBlock(float Points) : Block;
    private sealed record RuleBlock : Block;
    private sealed record PageBreakBlock : Block;

    /// <summary>Something to draw on a page, fixed in position by the layout.</summary>
    private abstract record DrawOp
    {
        public abstract void Draw(SKCanvas canvas, Styles styles);
    }

    private sealed record TextOp(float X, float Baseline, string Text, TextStyle Style, SKColor Colour) : DrawOp
    {
        public override void Draw(SKCanvas canvas, Styles styles)
        {
            if (Text.Length == 0) return;
            styles.Paint.Style = SKPaintStyle.Fill;
            styles.Paint.Color = Colour;
            canvas.DrawText(Text, X, Baseline, Style.DrawingFont, styles.Paint);
        }
    }

    private sealed record LineOp(float X1, float Y1, float X2, float Y2, float Thickness, SKColor Colour) : DrawOp
    {
        public override void Draw(SKCanvas canvas, Styles styles)
        {
            styles.Paint.Style = SKPaintStyle.Stroke;
            styles.Paint.StrokeWidth = Thickness;
            styles.Paint.Color = Colour;
            canvas.DrawLine(X1, Y1, X2, Y2, styles.Paint);
        }
    }

    private sealed record FillOp(SKRect Area, SKColor Colour) : DrawOp
    {
        public override void Draw(SKCanvas canvas, Styles styles)
        {
            styles.Paint.Style = SKPaintStyle.Fill;
            styles.Paint.Color = Colour;
            canvas.DrawRect(Area, styles.Paint);
        }
    }

    /// <summary>One cell of a row: its lines, already wrapped, and where they go across the page.</summary>
    private sealed record Cell(float X, float Width, IReadOnlyList<string> Lines, TextStyle Style);

    /// <summary>Places blocks top to bottom, starting a new page whenever the next piece would cross the bottom margin.</summary>
    private sealed class Layout(Styles styles)
    {
        private const float CellPadding = 5f;
        private readonly List<List<DrawOp>> pages = [[]];
        private float y = Page.ContentTop;

        private List<DrawOp> Current => pages[^1];
        private bool AtPageTop => y <= Page.ContentTop;

        public List<List<DrawOp>> Finish() => pages;

        public void Place(Block block)
        {
            switch (block)
            {
                case HeadingBlock heading: PlaceHeading(heading); break;
                case ParagraphBlock paragraph: PlaceParagraph(paragraph); break;
                case KeyValueBlock keyValues: PlaceKeyValues(keyValues); break;
                case TableBlock table: PlaceTable(table); break;
                case SpaceBlock space: if (!AtPageTop) y = Math.Min(y + space.Points, Page.ContentBottom); break;
                case RuleBlock:
                    EnsureRoom(9);
                    Current.Add(new LineOp(Page.Margin, y + 4, Page.Width - Page.Margin, y + 4, 0.75f, styles.RuleColour));
                    y += 9;
                    break;
                case PageBreakBlock: if (!AtPageTop) NewPage(); break;
                default: throw new NotSupportedException(block.GetType().Name);
            }
        }

        private void NewPage()
        {
            pages.Add([]);
            y = Page.ContentTop;
        }

        private void EnsureRoom(float height)
        {
            if (y + height > Page.ContentBottom && !AtPageTop) NewPage();
        }

        private void PlaceHeading(HeadingBlock heading)
        {
            var style = heading.Level switch
            {
                HeadingLevel.Title => styles.Title,
                HeadingLevel.Section => styles.Section,
                _ => styles.Subsection,
            };
            var before = heading.Level == HeadingLevel.Subsection ? 6f : 10f;
            var lines = Wrap(heading.Text, style.Font, Page.ContentWidth);
            // Keep a heading with the first lines of what follows it, not stranded at the foot of a page.
            EnsureRoom(before + lines.Count * style.LineHeight + 3 * styles.Body.LineHeight);
            if (!AtPageTop) y += before;
            foreach (var line in lines)
            {
                Current.Add(new TextOp(Page.Margin, y + style.Ascent, line, style, styles.TextColour));
                y += style.LineHeight;
            }
            if (heading.Level == HeadingLevel.Title)
            {
                Current.Add(new LineOp(Page.Margin, y + 3, Page.Margin + 60, y + 3, 3f, styles.AccentColour));
                y += 12;
            }
            y += 4;
        }

        private void PlaceParagraph(ParagraphBlock paragraph)
        {
            var style = paragraph.Bold ? styles.BodyBold : styles.Body;
            var colour = paragraph.Muted ? styles.MutedColour : styles.TextColour;
            foreach (var line in Wrap(paragraph.Text, style.Font, Page.ContentWidth))
            {
                EnsureRoom(style.LineHeight);
                var width = style.Font.MeasureText(line);
                var x = paragraph.Align switch
                {
                    TextAlignment.Right => Page.Width - Page.Margin - width,
                    TextAlignment.Centre => Page.Margin + (Page.ContentWidth - width) / 2,
                    _ => Page.Margin,
                };
                Current.Add(new TextOp(x, y + style.Ascent, line, style, colour));
                y += style.LineHeight;
            }
            y += style.Size * 0.8f;
        }

        private void PlaceKeyValues(KeyValueBlock block)
        {
            const float gap = 12f;
            var keyWidth = MathF.Round(Page.ContentWidth * 0.3f);
            var valueWidth = Page.ContentWidth - keyWidth - gap;
            foreach (var (key, value) in block.Items)
            {
                Cell[] cells =
                [
                    new(Page.Margin, keyWidth, Wrap(key, styles.BodyBold.Font, keyWidth), styles.BodyBold),
                    new(Page.Margin + keyWidth + gap, valueWidth, Wrap(value, styles.Body.Font, valueWidth), styles.Body),
                ];
                PlaceRow(cells, 2f, separator: false, header: null);
            }
            y += styles.Body.Size;
        }

        private void PlaceTable(TableBlock table)
        {
            var total = table.Weights.Sum();
            var widths = table.Weights.Select(w => Page.ContentWidth * w / total).ToArray();
            var xs = new float[widths.Length];
            for (var i = 1; i < xs.Length; i++) xs[i] = xs[i - 1] + widths[i - 1];

            Cell[] CellsFor(IReadOnlyList<string> texts, TextStyle style) =>
                [.. texts.Select((t, i) => new Cell(Page.Margin + xs[i] + CellPadding, widths[i] - 2 * CellPadding, Wrap(t, style.Font, widths[i] - 2 * CellPadding), style))];

            var headerCells = CellsFor(table.Header, styles.TableHeader);
            void DrawHeader() => PlaceRow(headerCells, CellPadding, separator: false, header: null, shaded: true);

            // A header alone at the foot of a page is no use: start the table where the header and a first row fit.
            var firstRowHeight = table.Rows.Count == 0 ? 0 : RowHeight(CellsFor(table.Rows[0], styles.TableText), CellPadding);
            EnsureRoom(RowHeight(headerCells, CellPadding) + Math.Min(firstRowHeight, 3 * styles.TableText.LineHeight));
            DrawHeader();
            foreach (var row in table.Rows)
                PlaceRow(CellsFor(row, styles.TableText), CellPadding, separator: true, header: DrawHeader);
            y += styles.Body.Size;
        }

        private static float RowHeight(IReadOnlyList<Cell> cells, float padding) =>
            cells.Max(c => c.Lines.Count * c.Style.LineHeight) + 2 * padding;

        /// <summary>
        /// Places a row whole on this page or the next; only a row taller than a page is split, line by line.
        /// <paramref name="header"/> is drawn again at the top of each new page the row moves to.
        /// </summary>
        private void PlaceRow(Cell[] cells, float padding, bool separator, Action? header, bool shaded = false)
        {
            var next = new int[cells.Length];
            while (true)
            {
                var remaining = cells.Select((c, i) => (c.Lines.Count - next[i]) * c.Style.LineHeight).Max() + 2 * padding;
                if (remaining > Page.ContentBottom - y && !AtPageTop)
                {
                    NewPage();
                    header?.Invoke();
                }
                var top = y;
                var bottom = top + Math.Min(remaining, Page.ContentBottom - top);
                if (shaded) Current.Add(new FillOp(new SKRect(Page.Margin, top, Page.Width - Page.Margin, bottom), styles.ShadeColour));

                var done = true;
                for (var i = 0; i < cells.Length; i++)
                {
                    var cell = cells[i];
                    var lineTop = top + padding;
                    while (next[i] < cell.Lines.Count && lineTop + cell.Style.LineHeight <= bottom - padding + 0.01f)
                    {
                        Current.Add(new TextOp(cell.X, lineTop + cell.Style.Ascent, cell.Lines[next[i]], cell.Style, styles.TextColour));
                        lineTop += cell.Style.LineHeight;
                        next[i]++;
                    }
                    done &= next[i] == cell.Lines.Count;
                }
                if (separator || shaded)
                    Current.Add(new LineOp(Page.Margin, bottom, Page.Width - Page.Margin, bottom, shaded ? 0.75f : 0.5f, styles.RuleColour));
                y = bottom;
                if (done) return;
                NewPage();
                header?.Invoke();
            }
        }
    }

    /// <summary>
    /// Breaks text into lines no wider than <paramref name="width"/>, measuring each candidate line with the font.
    /// A word wider than the whole line is broken between characters rather than overflowing the margin.
    /// </summary>
    private static List<string> Wrap(string text, SKFont font, float width)
    {
        var lines = new List<string>();
        foreach (var rawLine in text.ReplaceLineEndings("\n").Split('\n'))
        {
            var words = rawLine.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (words.Length == 0)
            {
                lines.Add("");
                continue;
            }
            var current = "";
            foreach (var word in words)
            {
                var candidate = current.Length == 0 ? word : current + " " + word;
                if (font.MeasureText(candidate) <= width)
                {
                    current = candidate;
                    continue;
                }
                if (current.Length > 0) lines.Add(current);
                current = word;
                while (font.MeasureText(current) > width)
                {
                    var fit = current.Length - 1;
                    while (fit > 1 && font.MeasureText(current[..fit]) > width) fit--;
                    if (char.IsLowSurrogate(current[fit]) && fit > 1) fit--;
                    lines.Add(current[..fit]);
                    current = current[fit..];
                }
            }
            lines.Add(current);
        }
        return lines;
    }
}
