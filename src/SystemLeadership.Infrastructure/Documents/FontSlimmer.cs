using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace SystemLeadership.Infrastructure.Documents;

/// <summary>
/// SkiaSharp's native build has no font subsetter, so Skia embeds each font file whole: about 750 KB for a one-page
/// letter in DejaVu. This makes a slim copy of a TrueType font for one document instead. Glyph ids, cmap and metrics stay
/// as they are, so text maps to the same glyphs and measures the same; only the outlines of glyphs the document does not
/// use are emptied, and tables a PDF viewer never reads (OpenType layout, kerning, glyph names) are dropped.
/// </summary>
internal static class FontSlimmer
{
    private static readonly HashSet<string> Dropped = new(StringComparer.Ordinal)
    {
        "GSUB", "GPOS", "GDEF", "BASE", "JSTF", "MATH", "kern", "hdmx", "LTSH", "VDMX", "DSIG", "FFTM", "PCLT",
    };

    /// <summary>A font read once: its tables (those a PDF needs), and where each glyph starts in 'glyf'.</summary>
    private sealed record Parsed(IReadOnlyDictionary<string, byte[]> Tables, int NumGlyphs, int[] Offsets);

    // Each shipped font is parsed on first use and kept: a letter then copies only the glyphs it draws.
    private static readonly ConditionalWeakTable<byte[], Parsed> ParsedFonts = [];

    public static byte[] Keep(byte[] font, IEnumerable<ushort> glyphs)
    {
        var parsed = ParsedFonts.GetValue(font, Parse);
        var numGlyphs = parsed.NumGlyphs;
        var offsets = parsed.Offsets;
        var glyf = parsed.Tables["glyf"];

        // Glyph 0 is .notdef; composite glyphs (accented letters) need their component glyphs too.
        var keep = new HashSet<int>();
        var pending = new Stack<int>(glyphs.Select(g => (int)g).Where(g => g < numGlyphs).Append(0));
        while (pending.TryPop(out var glyph))
        {
            if (!keep.Add(glyph)) continue;
            foreach (var component in Components(glyf.AsSpan(offsets[glyph], offsets[glyph + 1] - offsets[glyph])))
                if (component < numGlyphs && !keep.Contains(component)) pending.Push(component);
        }

        var newGlyf = new MemoryStream();
        var newLoca = new byte[(numGlyphs + 1) * 4];
        foreach (var g in Enumerable.Range(0, numGlyphs))
        {
            BinaryPrimitives.WriteUInt32BigEndian(newLoca.AsSpan(g * 4), (uint)newGlyf.Length);
            if (!keep.Contains(g)) continue;
            newGlyf.Write(glyf, offsets[g], offsets[g + 1] - offsets[g]);
            while (newGlyf.Length % 4 != 0) newGlyf.WriteByte(0);
        }
        BinaryPrimitives.WriteUInt32BigEndian(newLoca.AsSpan(numGlyphs * 4), (uint)newGlyf.Length);

        var tables = new Dictionary<string, byte[]>(parsed.Tables, StringComparer.Ordinal)
        {
            ["loca"] = newLoca,
            ["glyf"] = newGlyf.ToArray(),
        };
        return Write(tables);
    }

    private static Parsed Parse(byte[] font)
    {
        var tables = ReadTables(font);
        var head = tables["head"];
        var longLoca = BinaryPrimitives.ReadInt16BigEndian(head.AsSpan(50)) == 1;
        var numGlyphs = BinaryPrimitives.ReadUInt16BigEndian(tables["maxp"].AsSpan(4));
        var loca = tables["loca"];
        var offsets = new int[numGlyphs + 1];
        for (var g = 0; g <= numGlyphs; g++)
            offsets[g] = longLoca
                ? (int)BinaryPrimitives.ReadUInt32BigEndian(loca.AsSpan(g * 4))
                : BinaryPrimitives.ReadUInt16BigEndian(loca.AsSpan(g * 2)) * 2;

        // Every slimmed copy writes a long 'loca' and has its checksum adjustment recomputed.
        var newHead = (byte[])head.Clone();
        BinaryPrimitives.WriteInt16BigEndian(newHead.AsSpan(50), 1);
        BinaryPrimitives.WriteUInt32BigEndian(newHead.AsSpan(8), 0);
        tables["head"] = newHead;
        if (tables.TryGetValue("post", out var post) && post.Length >= 32)
        {
            // Format 3 keeps the header and drops the glyph names, which are only for font editors.
            var newPost = post[..32];
            BinaryPrimitives.WriteUInt32BigEndian(newPost, 0x00030000);
            tables["post"] = newPost;
        }
        foreach (var tag in Dropped) tables.Remove(tag);
        return new Parsed(tables, numGlyphs, offsets);
    }

    private static Dictionary<string, byte[]> ReadTables(byte[] font)
    {
        var span = font.AsSpan();
        var version = BinaryPrimitives.ReadUInt32BigEndian(span);
        if (version != 0x00010000 && version != 0x74727565)
            throw new NotSupportedException("Only TrueType-outline fonts (.ttf) can be slimmed.");
        var count = BinaryPrimitives.ReadUInt16BigEndian(span[4..]);
        var tables = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var record = span.Slice(12 + i * 16, 16);
            var tag = System.Text.Encoding.ASCII.GetString(record[..4]);
            var offset = (int)BinaryPrimitives.ReadUInt32BigEndian(record[8..]);
            var length = (int)BinaryPrimitives.ReadUInt32BigEndian(record[12..]);
            tables[tag] = span.Slice(offset, length).ToArray();
        }
        foreach (var required in new[] { "head", "maxp", "loca", "glyf" })
            if (!tables.ContainsKey(required)) throw new NotSupportedException($"The font has no '{required}' table.");
        return tables;
    }

    /// <summary>The glyph ids a composite glyph is built from; none for a simple or empty glyph.</summary>
    private static List<int> Components(ReadOnlySpan<byte> glyph)
    {
        var components = new List<int>();
        if (glyph.Length < 10 || BinaryPrimitives.ReadInt16BigEndian(glyph) >= 0) return components;
        var at = 10;
        ushort flags;
        do
        {
            flags = BinaryPrimitives.ReadUInt16BigEndian(glyph[at..]);
            components.Add(BinaryPrimitives.ReadUInt16BigEndian(glyph[(at + 2)..]));
            at += 4 + ((flags & 0x0001) != 0 ? 4 : 2);
            if ((flags & 0x0008) != 0) at += 2;
            else if ((flags & 0x0040) != 0) at += 4;
            else if ((flags & 0x0080) != 0) at += 8;
        }
        while ((flags & 0x0020) != 0 && at + 4 <= glyph.Length);
        return components;
    }

    private static byte[] Write(Dictionary<string, byte[]> tables)
    {
        var tags = tables.Keys.Order(StringComparer.Ordinal).ToList();
        var entrySelector = (int)Math.Floor(Math.Log2(tags.Count));
        var searchRange = (1 << entrySelector) * 16;
        var headerLength = 12 + tags.Count * 16;
        var output = new byte[headerLength + tags.Sum(t => Padded(tables[t].Length))];
        var span = output.AsSpan();
        BinaryPrimitives.WriteUInt32BigEndian(span, 0x00010000);
        BinaryPrimitives.WriteUInt16BigEndian(span[4..], (ushort)tags.Count);
        BinaryPrimitives.WriteUInt16BigEndian(span[6..], (ushort)searchRange);
        BinaryPrimitives.WriteUInt16BigEndian(span[8..], (ushort)entrySelector);
        BinaryPrimitives.WriteUInt16BigEndian(span[10..], (ushort)(tags.Count * 16 - searchRange));

        var offset = headerLength;
        var headOffset = 0;
        for (var i = 0; i < tags.Count; i++)
        {
            var data = tables[tags[i]];
            var record = span.Slice(12 + i * 16, 16);
            System.Text.Encoding.ASCII.GetBytes(tags[i], record);
            BinaryPrimitives.WriteUInt32BigEndian(record[4..], Checksum(data));
            BinaryPrimitives.WriteUInt32BigEndian(record[8..], (uint)offset);
            BinaryPrimitives.WriteUInt32BigEndian(record[12..], (uint)data.Length);
            data.CopyTo(span[offset..]);
            if (tags[i] == "head") headOffset = offset;
            offset += Padded(data.Length);
        }
        BinaryPrimitives.WriteUInt32BigEndian(span[(headOffset + 8)..], unchecked(0xB1B0AFBA - Checksum(output)));
        return output;
    }

    private static int Padded(int length) => (length + 3) & ~3;

    private static uint Checksum(ReadOnlySpan<byte> data)
    {
        uint sum = 0;
        for (var i = 0; i < data.Length; i += 4)
        {
            uint word = 0;
            for (var j = 0; j < 4; j++) word = (word << 8) | (i + j < data.Length ? data[i + j] : 0u);
            sum = unchecked(sum + word);
        }
        return sum;
    }
}
