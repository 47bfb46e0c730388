using System.Data.Common;

namespace SystemLeadership.Testing;

/// <summary>
/// A table's columns that take a value of their own (not those PostgreSQL generates, such as an application's scheme
/// names), quoted and comma-separated: for a test that copies rows in SQL with INSERT … SELECT.
/// </summary>
public static class WritableColumns
{
    public static async Task<string> OfAsync(DbConnection connection, string table)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT string_agg(quote_ident(column_name), ', ' ORDER BY ordinal_position)
            FROM information_schema.columns WHERE table_schema = 'public' AND table_name = @table AND is_generated = 'NEVER'
            """;
        var parameter = command.CreateParameter();
        parameter.ParameterName = "table";
        parameter.Value = table;
        command.Parameters.Add(parameter);
        return (string?)await command.ExecuteScalarAsync() ?? throw new InvalidOperationException($"No table {table}.");
    }
}
