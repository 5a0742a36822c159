using System.Text;

namespace CcWallboard.Core.Files;

/// <summary>
/// Reads RFC 4180 records: fields separated by commas, records by CRLF, LF or CR; a field in double quotes may
/// hold commas, line breaks and doubled quotes. Blank lines are skipped. Each record carries the line it starts on.
/// </summary>
internal sealed class CsvReader(string text)
{
    private readonly StringBuilder _field = new();
    private int _position;
    private int _line = 1;

    public sealed record Record(int Line, IReadOnlyList<string> Fields, string? Problem);

    /// <summary>The next record that is not a blank line, or null at the end of the text.</summary>
    public Record? Next()
    {
        while (_position < text.Length)
        {
            var record = ReadRecord();
            if (record.Problem is not null || record.Fields.Count > 1 || !string.IsNullOrWhiteSpace(record.Fields[0]))
            {
                return record;
            }
        }
        return null;
    }

    private Record ReadRecord()
    {
        var line = _line;
        var fields = new List<string>();
        while (true)
        {
            var problem = _position < text.Length && text[_position] == '"' ? ReadQuotedField() : ReadField();
            if (problem is not null)
            {
                SkipRestOfLine();
                return new Record(line, fields, problem);
            }
            fields.Add(_field.ToString());
            if (_position < text.Length && text[_position] == ',')
            {
                _position++;
                continue;
            }
            EndLine();
            return new Record(line, fields, null);
        }
    }

    private string? ReadField()
    {
        _field.Clear();
        while (_position < text.Length && text[_position] is not (',' or '\r' or '\n'))
        {
            if (text[_position] == '"')
            {
                return "a quote inside a field that does not start with one; enclose the whole field in quotes and double the quote";
            }
            _field.Append(text[_position++]);
        }
        return null;
    }

    private string? ReadQuotedField()
    {
        _field.Clear();
        _position++;
        while (true)
        {
            if (_position >= text.Length)
            {
                return "a quoted field is not closed";
            }
            var c = text[_position++];
            if (c == '"')
            {
                if (_position < text.Length && text[_position] == '"')
                {
                    _field.Append('"');
                    _position++;
                    continue;
                }
                return _position < text.Length && text[_position] is not (',' or '\r' or '\n')
                    ? "text after the closing quote of a field"
                    : null;
            }
            if (c == '\n' || (c == '\r' && (_position >= text.Length || text[_position] != '\n')))
            {
                _line++;
            }
            _field.Append(c);
        }
    }

    private void SkipRestOfLine()
    {
        while (_position < text.Length && text[_position] is not ('\r' or '\n'))
        {
            _position++;
        }
        EndLine();
    }

    private void EndLine()
    {
        if (_position >= text.Length)
        {
            return;
        }
        if (text[_position] == '\r' && _position + 1 < text.Length && text[_position + 1] == '\n')
        {
            _position++;
        }
        _position++;
        _line++;
    }
}
