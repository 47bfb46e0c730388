using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using SystemLeadership.Domain.Common;

namespace SystemLeadership.Infrastructure.Data;

/// <summary>
/// PostgreSQL cannot store a NUL character in text ("invalid byte sequence", 22021), nor can UTF-8 carry half of a
/// surrogate pair (a broken emoji: Npgsql's encoder throws), and either would answer a typed or pasted text with an
/// error no form can show. Before any save, every text being written (a string, or a list of them) is checked here, in
/// one place for every use case, and one that cannot be stored is refused in words for its field.
/// </summary>
public sealed class UnstorableTextGuard : SaveChangesInterceptor
{
    public static readonly UnstorableTextGuard Instance = new();

    public const string Message = "This text holds a character that cannot be stored (a NUL character or a broken emoji): remove it and try again.";

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Check(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Check(eventData.Context);
        return ValueTask.FromResult(result);
    }

    /// <summary>No NUL, and every surrogate in a pair (well-formed UTF-16, so it has a UTF-8 form).</summary>
    public static bool Storable(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\0' || char.IsLowSurrogate(c)) return false;
            if (!char.IsHighSurrogate(c)) continue;
            if (i + 1 == text.Length || !char.IsLowSurrogate(text[i + 1])) return false;
            i++;
        }
        return true;
    }

    /// <summary>Every string in the JSON (names and values) is storable text.</summary>
    private static bool StorableJson(string json)
    {
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(json);
            return StorableElement(document.RootElement);
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException)
        {
            return false;
        }
    }

    private static bool StorableElement(System.Text.Json.JsonElement element) => element.ValueKind switch
    {
        System.Text.Json.JsonValueKind.String => Storable(element.GetString()!),
        System.Text.Json.JsonValueKind.Array => element.EnumerateArray().All(StorableElement),
        System.Text.Json.JsonValueKind.Object => element.EnumerateObject().All(p => Storable(p.Name) && StorableElement(p.Value)),
        _ => true,
    };

    /// <summary>
    /// The text without what no stored text can hold, for reading (a search, a lookup): it finds what it would without
    /// them instead of failing in PostgreSQL. Never used on what is written: that is refused, not changed.
    /// </summary>
    public static string Clean(string text)
    {
        if (Storable(text)) return text;
        var kept = new System.Text.StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) { kept.Append(c).Append(text[++i]); continue; }
            if (c != '\0' && !char.IsSurrogate(c)) kept.Append(c);
        }
        return kept.ToString();
    }

    private static void Check(DbContext? context)
    {
        if (context is null) return;
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified)) continue;
            foreach (var property in entry.Properties)
            {
                if (entry.State == EntityState.Modified && !property.IsModified) continue;
                // A converted property is checked as it will be stored: a JSON column by the strings inside it, where
                // a NUL is written as the escape \u0000 that jsonb refuses.
                var converter = property.Metadata.GetValueConverter();
                var converted = converter is not null && property.CurrentValue is not null;
                var stored = converted ? converter!.ConvertToProvider(property.CurrentValue) : property.CurrentValue;
                var unstorable = stored switch
                {
                    string json when converted && property.Metadata.GetColumnType() is "jsonb" or "json" => !StorableJson(json),
                    string text => !Storable(text),
                    IEnumerable<string> texts => texts.Any(t => t is not null && !Storable(t)),
                    _ => false,
                };
                if (unstorable) throw new InvalidInputException(property.Metadata.Name, Message);
            }
        }
    }
}
