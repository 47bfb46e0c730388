using System.Text;

namespace SystemLeadership.Infrastructure.Schools;

/// <summary>
/// RFC 4180 records from a text reader: quoted fields may hold commas, doubled quotes and line breaks.
/// Fields come back as raw text (never converted), so codes like "02" keep their leading zeros.
/// </summary>
internal sealed class CsvRecordReader(TextReader reader)
{
    private readonly StringBuilder _field = new();
    private int _line = 1;

    /// <summary>The physical line the last record returned started on.</summary>
    public int RecordLine { get; private set; }

    /// <summary>The next record, or null at the end of the input.</summary>
    /// <exception cref="CsvFormatException">A quote is left open or followed by stray text.</exception>
    public List<string>? ReadRecord()
    {
        if (reader.Peek() == -1) return null;
        RecordLine = _line;
        var fields = new List<string>();
        _field.Clear();
        var quoted = false;     // the current field started with a quote
        var inQuotes = false;   // inside that quote now

        while (true)
        {
            var c = reader.Read();
            if (inQuotes)
            {
                switch (c)
                {
                    case -1:
                        throw new CsvFormatException(RecordLine, "a quoted field is not closed before the end of the file");
                    case '"' when reader.Peek() == '"':
                        reader.Read();
                        _field.Append('"');
                        break;
                    case '"':
                        inQuotes = false;
                        break;
                    default:
                        CountLineBreak(c);
                        _field.Append((char)c);
                        break;
                }
                continue;
            }

            switch (c)
            {
                case -1:
                    fields.Add(_field.ToString());
                    return fields;
                case ',':
                    fields.Add(_field.ToString());
                    _field.Clear();
                    quoted = false;
                    break;
                case '\r' or '\n':
                    if (c == '\r' && reader.Peek() == '\n') reader.Read();
                    _line++;
                    fields.Add(_field.ToString());
                    return fields;
                case '"' when _field.Length == 0 && !quoted:
                    quoted = inQuotes = true;
                    break;
                default:
                    // Text after a closing quote means the quoting is broken; guessing would shift every later column.
                    if (quoted) throw new CsvFormatException(_line, $"unexpected text after the closing quote of field {fields.Count + 1}");
                    _field.Append((char)c);
                    break;
            }
        }
    }

    private void CountLineBreak(int c)
    {
        // A bare CR, a bare LF and a CRLF pair are each one line break.
        if (c == '\n' || (c == '\r' && reader.Peek() != '\n')) _line++;
    }
}

internal sealed class CsvFormatException(int line, string reason) : Exception(reason)
{
    public int Line { get; } = line;
}
