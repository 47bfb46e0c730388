using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace SystemLeadership.Domain.Evidence;

public sealed record FileKind(string? ContentType, string SafeName, string? Problem);

/// <summary>
/// Decides what a file is from its first bytes (and, for Word, the parts inside the zip), never from its name: a
/// renamed executable called "evidence.pdf" is refused.
/// </summary>
public static class FileSignatures
{
    public const string Allowed = "PDF, Word (.docx) or an image (PNG, JPEG, GIF, WebP)";

    public static FileKind Inspect(string fileName, byte[] content)
    {
        var safeName = SafeName(fileName);
        if (content.Length == 0) return new(null, safeName, "The file is empty.");
        if (content.Length > EvidenceFile.MaxBytes) return new(null, safeName, "The file is larger than 10 MB.");
        var type = Detect(content);
        return type is null
            ? new(null, safeName, $"This file is not a {Allowed}, whatever its name says. Upload one of those.")
            : new(type, safeName, null);
    }

    private static string? Detect(byte[] c)
    {
        if (StartsWith(c, "%PDF-"u8)) return "application/pdf";
        if (StartsWith(c, [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])) return "image/png";
        if (StartsWith(c, [0xFF, 0xD8, 0xFF])) return "image/jpeg";
        if (StartsWith(c, "GIF87a"u8) || StartsWith(c, "GIF89a"u8)) return "image/gif";
        if (c.Length >= 12 && StartsWith(c, "RIFF"u8) && c.AsSpan(8, 4).SequenceEqual("WEBP"u8)) return "image/webp";
        if (StartsWith(c, [0x50, 0x4B, 0x03, 0x04]) && IsWordDocument(c))
            return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
        return null;
    }

    // A .docx is a zip holding [Content_Types].xml and word/document.xml; any other zip is refused.
    private static bool IsWordDocument(byte[] content)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(content, writable: false), ZipArchiveMode.Read);
            return zip.GetEntry("[Content_Types].xml") is not null && zip.GetEntry("word/document.xml") is not null;
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }

    private static bool StartsWith(byte[] content, ReadOnlySpan<byte> signature) =>
        content.Length >= signature.Length && content.AsSpan(0, signature.Length).SequenceEqual(signature);

    /// <summary>
    /// The name as shown and downloaded: no folders, no control characters, no invisible format characters (bidi
    /// overrides and isolates, zero-width characters, byte-order marks, soft hyphens: "report\u202Efdp.exe" would
    /// otherwise show as "reportexe.pdf"), no lone surrogates, in composed form, at most 200 characters (the end kept, so
    /// the extension stays).
    /// </summary>
    public static string SafeName(string fileName)
    {
        var name = Path.GetFileName(fileName.Replace('\\', '/'));
        var cleaned = new StringBuilder(name.Length);
        for (var i = 0; i < name.Length; i++)
        {
            var ch = name[i];
            if (char.IsHighSurrogate(ch) && i + 1 < name.Length && char.IsLowSurrogate(name[i + 1]))
            {
                if (CharUnicodeInfo.GetUnicodeCategory(name, i) != UnicodeCategory.Format) cleaned.Append(ch).Append(name[i + 1]);
                i++;
                continue;
            }
            if (char.IsSurrogate(ch) || CharUnicodeInfo.GetUnicodeCategory(ch) == UnicodeCategory.Format) continue;
            cleaned.Append(char.IsControl(ch) || ch is '"' or '<' or '>' or '|' or ':' or '*' or '?' ? '_' : ch);
        }
        var result = cleaned.ToString().Normalize(NormalizationForm.FormC).Trim();
        if (result.Length > 200)
        {
            result = result[^200..];
            if (char.IsLowSurrogate(result[0])) result = result[1..];
        }
        return result.Length == 0 ? "evidence" : result;
    }
}
