using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace SystemLeadership.Testing;

/// <summary>
/// The hostile-input corpus (HostileInputs.txt, copied beside every test assembly that uses this project): over-long,
/// NUL and control characters, bidi and zero-width, emoji and lone surrogates, SQL and HTML metacharacters, bad dates
/// and numbers, bad base64, open-redirect shapes. One input a line; \0 \t \n \r \\ \uXXXX and {N*text} are expanded.
/// </summary>
public static partial class HostileCorpus
{
    private static readonly Lazy<IReadOnlyList<string>> Inputs = new(Load);

    public static IReadOnlyList<string> All => Inputs.Value;

    private static List<string> Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "HostileInputs.txt");
        return File.ReadAllLines(path, Encoding.UTF8).Skip(1).Where(l => l.Length > 0).Select(Expand).ToList();
    }

    private static string Expand(string line)
    {
        var repeated = Repetition().Replace(line, m => string.Concat(Enumerable.Repeat(m.Groups[2].Value, int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))));
        var text = new StringBuilder();
        for (var i = 0; i < repeated.Length; i++)
        {
            if (repeated[i] != '\\' || i + 1 == repeated.Length) { text.Append(repeated[i]); continue; }
            var next = repeated[++i];
            switch (next)
            {
                case '0': text.Append('\0'); break;
                case 't': text.Append('\t'); break;
                case 'n': text.Append('\n'); break;
                case 'r': text.Append('\r'); break;
                case 'u' when i + 4 < repeated.Length:
                    text.Append((char)int.Parse(repeated.AsSpan(i + 1, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                    i += 4;
                    break;
                default: text.Append(next); break;
            }
        }
        return text.ToString();
    }

    [GeneratedRegex(@"\{(\d+)\*([^}]*)\}")]
    private static partial Regex Repetition();
}
