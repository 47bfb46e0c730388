using SkiaSharp;

namespace SystemLeadership.Infrastructure.Documents;

/// <summary>
/// The fonts every document uses, loaded from this assembly so a PDF looks the same on any machine,
/// whatever fonts it has installed (DejaVu is under a free licence; see Fonts/LICENSE-DejaVu.txt).
/// </summary>
internal static class DocumentFonts
{
    private static readonly Lazy<SKTypeface> RegularFace = new(() => Load("DejaVuSans.ttf"));
    private static readonly Lazy<SKTypeface> BoldFace = new(() => Load("DejaVuSans-Bold.ttf"));

    public static SKTypeface Regular => RegularFace.Value;
    public static SKTypeface Bold => BoldFace.Value;

    private static SKTypeface Load(string fileName)
    {
        var assembly = typeof(DocumentFonts).Assembly;
        var resourceName = assembly.GetManifestResourceNames()
            .SingleOrDefault(n => n.EndsWith(".Fonts." + fileName, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"The font {fileName} is not embedded in {assembly.GetName().Name}.");
        using var resource = assembly.GetManifestResourceStream(resourceName)!;
        // Copied to memory because Skia may read the typeface lazily, after the resource stream is gone.
        var memory = new MemoryStream();
        resource.CopyTo(memory);
        memory.Position = 0;
        return SKTypeface.FromStream(memory)
            ?? throw new InvalidOperationException($"The embedded font {fileName} could not be read.");
    }
}
