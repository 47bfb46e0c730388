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

/// <summary>A font file and the typeface read from it, used for measuring text.</summary>
internal sealed record EmbeddedFont(byte[] Data, SKTypeface Typeface);
