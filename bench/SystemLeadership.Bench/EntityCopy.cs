using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;

namespace SystemLeadership.Bench;

/// <summary>
/// Binary COPY of domain entities, driven by the application's own EF model: the table, column names, column types and
/// value converters (enum names, jsonb, arrays) are the ones the application writes with, so the loaded rows are the
/// rows the application would have saved. Only the concurrency token (xmin, a system column) and the columns PostgreSQL
/// computes are skipped.
/// </summary>
internal sealed class EntityCopy
{
    private readonly string _table;
    private readonly List<Column> _columns;

    private sealed record Column(string Name, string DataTypeName, Func<object, object?> Read);

    private EntityCopy(string table, List<Column> columns)
    {
        _table = table;
        _columns = columns;
    }

    public string Table => _table;

    public static EntityCopy For<T>(DbContext model)
    {
        var entity = model.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var table = entity.GetTableName()!;
        var store = StoreObjectIdentifier.Table(table, entity.GetSchema());
        List<Column> columns = [];
        foreach (var property in entity.GetProperties())
        {
            var name = property.GetColumnName(store)!;
            if (name == "xmin") continue;
            // A column PostgreSQL computes (the scheme's name beside its definition) takes no value.
            if (property.GetComputedColumnSql(store) is not null) continue;
            if (property.IsShadowProperty()) throw new InvalidOperationException($"{table}.{name} is a shadow property: the bench cannot fill it.");
            var getter = property.GetGetter();
            var converter = property.GetTypeMapping().Converter;
            var dataType = property.GetColumnType(store);
            var paren = dataType.IndexOf('(', StringComparison.Ordinal);
            if (paren >= 0) dataType = dataType[..paren].TrimEnd() + dataType[(dataType.IndexOf(')', StringComparison.Ordinal) + 1)..];
            columns.Add(new(name, dataType, e =>
            {
                var value = getter.GetClrValue(e);
                return value is null ? null : converter is null ? value : converter.ConvertToProvider(value);
            }));
        }
        return new EntityCopy(table, columns);
    }

    public async Task<int> CopyAsync<T>(NpgsqlConnection connection, IEnumerable<T> rows) where T : class
    {
        var sql = $"COPY \"{_table}\" ({string.Join(", ", _columns.Select(c => $"\"{c.Name}\""))}) FROM STDIN (FORMAT BINARY)";
        var count = 0;
        await using var copy = await connection.BeginBinaryImportAsync(sql);
        foreach (var row in rows)
        {
            await copy.StartRowAsync();
            foreach (var column in _columns)
            {
                var value = column.Read(row);
                if (value is null) await copy.WriteNullAsync();
                else await copy.WriteAsync(value, column.DataTypeName);
            }
            count++;
        }
        await copy.CompleteAsync();
        return count;
    }
}
