using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace SystemLeadership.Infrastructure.Documents;

/// <summary>
/// SkiaSharp's native build has no font subsetter, so Skia embeds each font file whole: about 750 KB for a one-page
/// letter in DejaVu. This makes a small copy of a TrueType font that holds only the characters given: their glyphs
/// (and the glyphs an accented letter is built from), numbered afresh from 1, with a character map of their own and each
/// glyph's advance and side bearing copied, so text drawn with the copy looks and measures exactly as with the whole font.
/// Tables a PDF viewer never reads (OpenType layout, kerning, glyph names, device metrics) are left out. Skia compresses
/// every byte of the copy into each PDF, so the copy is kept as small as its glyphs allow.
/// </summary>
internal static class FontSlimmer
{
    // Tables copied as they are; glyf, loca, hmtx and cmap are written afresh, hhea and maxp with the new glyph count.
    // Anything else (GSUB, GPOS, kern, hdmx, vmtx, ...) either indexes the old glyph ids or is never read from a PDF.
    private static readonly string[] Copied = ["head", "hhea", "maxp", "OS/2", "name", "post", "cvt ", "fpgm", "prep", "gasp"];

    /// <summary>A font read once: the tables copied, and each glyph's outline bytes and horizontal metrics.</summary>
    private sealed record Parsed(IReadOnlyDictionary<string, byte[]> Tables, byte[] Glyf, int[] Offsets, ushort[] Advances, short[] SideBearings)
    {
        public int NumGlyphs => Advances.Length;

        public ReadOnlySpan<byte> Outline(int glyph) => Glyf.AsSpan(Offsets[glyph], Offsets[glyph + 1] - Offsets[glyph]);
    }

    // Each shipped font is parsed on first use and kept: a copy then costs only the glyphs it holds.
    private static readonly ConditionalWeakTable<byte[], Parsed> ParsedFonts = [];

    /// <summary>
    /// A copy of <paramref name="font"/> holding <paramref name="characters"/>: each code point with its glyph id in
    /// the whole font (from Skia's <c>GetGlyph</c>). A code point mapped to glyph 0 (the font has none) is left out, and
    /// draws as the whole font would draw it: the missing-glyph box.
    /// </summary>
    public static byte[] Keep(byte[] font, IReadOnlyDictionary<int, ushort> characters)
    {
        ArgumentNullException.ThrowIfNull(font);
        ArgumentNullException.ThrowIfNull(characters);
        var parsed = ParsedFonts.GetValue(font, Parse);

        // Glyph 0 is .notdef; composite glyphs (accented letters) need their component glyphs too.
        var keep = new SortedSet<int>();
        var pending = new Stack<int>(characters.Values.Select(g => (int)g).Where(g => g < parsed.NumGlyphs).Append(0));
        while (pending.TryPop(out var glyph))
        {
            if (!keep.Add(glyph)) continue;
            foreach (var (component, _) in Components(parsed.Outline(glyph)))
                if (component < parsed.NumGlyphs && !keep.Contains(component)) pending.Push(component);
        }
        var newId = new Dictionary<int, ushort>(keep.Count);
        foreach (var old in keep) newId[old] = (ushort)newId.Count;

        var glyf = new MemoryStream();
        var loca = new byte[(keep.Count + 1) * 4];
        var hmtx = new byte[keep.Count * 4];
        foreach (var old in keep)
        {
            var id = newId[old];
            BinaryPrimitives.WriteUInt32BigEndian(loca.AsSpan(id * 4), (uint)glyf.Length);
            BinaryPrimitives.WriteUInt16BigEndian(hmtx.AsSpan(id * 4), parsed.Advances[old]);
            BinaryPrimitives.WriteInt16BigEndian(hmtx.AsSpan(id * 4 + 2), parsed.SideBearings[old]);
            var outline = parsed.Outline(old).ToArray();
            foreach (var (component, at) in Components(outline))
                BinaryPrimitives.WriteUInt16BigEndian(outline.AsSpan(at), component < parsed.NumGlyphs ? newId[component] : (ushort)0);
            glyf.Write(outline);
            while (glyf.Length % 4 != 0) glyf.WriteByte(0);
        }
        BinaryPrimitives.WriteUInt32BigEndian(loca.AsSpan(keep.Count * 4), (uint)glyf.Length);

        var hhea = (byte[])parsed.Tables["hhea"].Clone();
        BinaryPrimitives.WriteUInt16BigEndian(hhea.AsSpan(34), (ushort)keep.Count);
        var maxp = (byte[])parsed.Tables["maxp"].Clone();
        BinaryPrimitives.WriteUInt16BigEndian(maxp.AsSpan(4), (ushort)keep.Count);
        var mapped = characters.Where(c => c.Value != 0 && c.Value < parsed.NumGlyphs)
            .Select(c => (CodePoint: c.Key, Glyph: newId[c.Value]));

        var tables = new Dictionary<string, byte[]>(parsed.Tables, StringComparer.Ordinal)
        {
            ["hhea"] = hhea,
            ["maxp"] = maxp,
            ["glyf"] = glyf.ToArray(),
            ["loca"] = loca,
            ["hmtx"] = hmtx,
            ["cmap"] = CharacterMap(mapped),
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

        // 'hmtx' gives an advance and side bearing for the first numberOfHMetrics glyphs; the rest share the last
        // advance and have only a side bearing. Every copy writes both for each glyph.
        var hmtx = tables["hmtx"];
        var longMetrics = BinaryPrimitives.ReadUInt16BigEndian(tables["hhea"].AsSpan(34));
        var advances = new ushort[numGlyphs];
        var sideBearings = new short[numGlyphs];
        for (var g = 0; g < numGlyphs; g++)
        {
            var metric = Math.Min(g, longMetrics - 1) * 4;
            advances[g] = BinaryPrimitives.ReadUInt16BigEndian(hmtx.AsSpan(metric));
            sideBearings[g] = BinaryPrimitives.ReadInt16BigEndian(hmtx.AsSpan(g < longMetrics ? g * 4 + 2 : longMetrics * 4 + (g - longMetrics) * 2));
        }

        // Every copy writes a long 'loca' and has its checksum adjustment recomputed.
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
        if (tables.TryGetValue("name", out var name)) tables["name"] = Names(name);
        var copied = Copied.Where(tables.ContainsKey).ToDictionary(t => t, t => tables[t], StringComparer.Ordinal);
        return new Parsed(copied, tables["glyf"], offsets, advances, sideBearings);
    }

    /// <summary>
    /// The 'name' table with only the Windows records of the font's copyright, names, version and trademark (ids 0–7):
    /// what a font engine reads to name the font and what must stay with any copy of it. The licence's text and the
    /// designers' addresses (about 15 KB in DejaVu, in two encodings) go, as they do from any subset a PDF embeds.
    /// </summary>
    private static byte[] Names(byte[] name)
    {
        var span = name.AsSpan();
        var count = BinaryPrimitives.ReadUInt16BigEndian(span[2..]);
        var storage = BinaryPrimitives.ReadUInt16BigEndian(span[4..]);
        var kept = new List<(byte[] Record, byte[] Text)>();
        for (var i = 0; i < count; i++)
        {
            var record = span.Slice(6 + i * 12, 12);
            var platform = BinaryPrimitives.ReadUInt16BigEndian(record);
            var nameId = BinaryPrimitives.ReadUInt16BigEndian(record[6..]);
            var length = BinaryPrimitives.ReadUInt16BigEndian(record[8..]);
            var offset = BinaryPrimitives.ReadUInt16BigEndian(record[10..]);
            if (platform == 3 && nameId <= 7 && storage + offset + length <= name.Length)
                kept.Add((record.ToArray(), span.Slice(storage + offset, length).ToArray()));
        }
        if (kept.Count == 0) return name;

        var newStorage = 6 + kept.Count * 12;
        var output = new byte[newStorage + kept.Sum(k => k.Text.Length)];
        var outSpan = output.AsSpan();
        BinaryPrimitives.WriteUInt16BigEndian(outSpan[2..], (ushort)kept.Count);
        BinaryPrimitives.WriteUInt16BigEndian(outSpan[4..], (ushort)newStorage);
        var at = 0;
        for (var i = 0; i < kept.Count; i++)
        {
            var record = outSpan.Slice(6 + i * 12, 12);
            kept[i].Record.CopyTo(record);
            BinaryPrimitives.WriteUInt16BigEndian(record[10..], (ushort)at);
            kept[i].Text.CopyTo(outSpan[(newStorage + at)..]);
            at += kept[i].Text.Length;
        }
        return output;
    }

    /// <summary>
    /// A 'cmap' with one Windows Unicode full-repertoire subtable (format 12): runs of consecutive code points on
    /// consecutive glyphs are one group each.
    /// </summary>
    private static byte[] CharacterMap(IEnumerable<(int CodePoint, ushort Glyph)> characters)
    {
        var groups = new List<(int Start, int End, int Glyph)>();
        foreach (var (codePoint, glyph) in characters.OrderBy(c => c.CodePoint))
        {
            if (groups.Count > 0 && groups[^1] is var last && last.End + 1 == codePoint && last.Glyph + (codePoint - last.Start) == glyph)
                groups[^1] = last with { End = codePoint };
            else
                groups.Add((codePoint, codePoint, glyph));
        }
        var subtableLength = 16 + groups.Count * 12;
        var cmap = new byte[12 + subtableLength];
        var span = cmap.AsSpan();
        BinaryPrimitives.WriteUInt16BigEndian(span[2..], 1); // version 0, one subtable
        BinaryPrimitives.WriteUInt16BigEndian(span[4..], 3); // Windows
        BinaryPrimitives.WriteUInt16BigEndian(span[6..], 10); // Unicode, full repertoire
        BinaryPrimitives.WriteUInt32BigEndian(span[8..], 12);
        var table = span[12..];
        BinaryPrimitives.WriteUInt16BigEndian(table, 12);
        BinaryPrimitives.WriteUInt32BigEndian(table[4..], (uint)subtableLength);
        BinaryPrimitives.WriteUInt32BigEndian(table[12..], (uint)groups.Count);
        for (var i = 0; i < groups.Count; i++)
        {
            var group = table[(16 + i * 12)..];
            BinaryPrimitives.WriteUInt32BigEndian(group, (uint)groups[i].Start);
            BinaryPrimitives.WriteUInt32BigEndian(group[4..], (uint)groups[i].End);
            BinaryPrimitives.WriteUInt32BigEndian(group[8..], (uint)groups[i].Glyph);
        }
        return cmap;
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

    /// <summary>The glyph ids a composite glyph is built from, each with where its id is written; none for a simple or empty glyph.</summary>
    private static List<(int Glyph, int At)> Components(ReadOnlySpan<byte> glyph)
    {
        var components = new List<(int, int)>();
        if (glyph.Length < 10 || BinaryPrimitives.ReadInt16BigEndian(glyph) >= 0) return components;
        var at = 10;
        ushort flags;
        do
        {
            flags = BinaryPrimitives.ReadUInt16BigEndian(glyph[at..]);
            components.Add((BinaryPrimitives.ReadUInt16BigEndian(glyph[(at + 2)..]), at + 2));
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
