using System.Collections.Frozen;
using SkiaSharp;

namespace SystemLeadership.Infrastructure.Documents;

/// <summary>
/// The fonts every document uses, loaded from this assembly so a PDF looks the same on any machine,
/// whatever fonts it has installed (DejaVu is under a free licence; see Fonts/LICENSE-DejaVu.txt).
/// </summary>
internal static class DocumentFonts
{
    private static readonly Lazy<EmbeddedFont> RegularFont = new(() => Load("DejaVuSans.ttf"));
    private static readonly Lazy<EmbeddedFont> BoldFont = new(() => Load("DejaVuSans-Bold.ttf"));

    public static EmbeddedFont Regular => RegularFont.Value;
    public static EmbeddedFont Bold => BoldFont.Value;

    /// <summary>Loads a font file, such as one made by <see cref="FontSlimmer"/>, as a typeface.</summary>
    public static SKTypeface TypefaceFrom(byte[] data) =>
        SKTypeface.FromStream(new MemoryStream(data, writable: false))
            ?? throw new InvalidOperationException("The font data could not be read.");

    private static EmbeddedFont Load(string fileName)
    {
        var assembly = typeof(DocumentFonts).Assembly;
        var resourceName = assembly.GetManifestResourceNames()
            .SingleOrDefault(n => n.EndsWith(".Fonts." + fileName, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"The font {fileName} is not embedded in {assembly.GetName().Name}.");
        using var resource = assembly.GetManifestResourceStream(resourceName)!;
        using var memory = new MemoryStream();
        resource.CopyTo(memory);
        // The bytes are kept as well as the typeface: each document embeds a slimmed copy of them.
        var data = memory.ToArray();
        return new EmbeddedFont(data, TypefaceFrom(data));
    }
}

/// <summary>
/// A font file and the typeface read from it, used for measuring text; and, made on first use and kept for every
/// document after, a small copy of it holding the characters almost every document draws (<see cref="CommonText"/>).
/// </summary>
internal sealed class EmbeddedFont(byte[] data, SKTypeface typeface)
{
    // Not kept if making it fails, so one failure does not stop every document until a restart; two first documents at
    // once may each make one, and one is kept.
    private readonly Lazy<SlimFont> common = new(() => SlimFont.Of(data, typeface, CommonText.CodePoints), LazyThreadSafetyMode.PublicationOnly);

    public byte[] Data => data;

    public SKTypeface Typeface => typeface;

    public SlimFont Common => common.Value;

    /// <summary>A copy holding exactly these characters, for a document with some outside <see cref="CommonText"/>.</summary>
    public SlimFont Holding(IEnumerable<int> codePoints) => SlimFont.Of(data, typeface, codePoints);
}

/// <summary>A copy of a font made by <see cref="FontSlimmer"/>, and the characters it can draw.</summary>
internal sealed record SlimFont(SKTypeface Typeface, IReadOnlySet<int> CodePoints)
{
    public static SlimFont Of(byte[] data, SKTypeface whole, IEnumerable<int> codePoints)
    {
        var characters = new Dictionary<int, ushort>();
        foreach (var codePoint in codePoints) characters.TryAdd(codePoint, whole.GetGlyph(codePoint));
        return new SlimFont(DocumentFonts.TypefaceFrom(FontSlimmer.Keep(data, characters)), characters.Keys.ToFrozenSet());
    }
}

/// <summary>
/// The characters a document drawn in English almost always keeps to: printable ASCII, Latin-1 (the accented letters of
/// most European names: é, ë, ø, ß, ...) and typographic punctuation (dashes, curly quotes, bullet, ellipsis, euro). A
/// document with anything else (a Polish, Greek or Cyrillic name, say) gets a copy of its own, which costs a little
/// more to make; a larger common set would cost every document more, as Skia compresses the whole copy into each PDF.
/// </summary>
internal static class CommonText
{
    public static readonly FrozenSet<int> CodePoints = Ranges(
        (0x20, 0x7E), (0xA0, 0xFF), (0x2010, 0x2022), (0x2026, 0x2026), (0x2030, 0x2030),
        (0x2039, 0x203A), (0x20AC, 0x20AC), (0x2122, 0x2122), (0xFFFD, 0xFFFD));

    private static FrozenSet<int> Ranges(params (int First, int Last)[] ranges) =>
        ranges.SelectMany(r => Enumerable.Range(r.First, r.Last - r.First + 1)).ToFrozenSet();
}
