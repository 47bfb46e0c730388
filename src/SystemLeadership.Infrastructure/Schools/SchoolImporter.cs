using SystemLeadership.Domain.Common;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using SystemLeadership.Domain.Schools;
using SystemLeadership.Infrastructure.Data;

namespace SystemLeadership.Infrastructure.Schools;

/// <summary>
/// Loads the GIAS extract into Schools, upserting by URN. All or nothing: the whole file is checked before anything is
/// written, and the write is one transaction (binary COPY into a temporary table, then one INSERT ... ON CONFLICT).
/// </summary>
public static class SchoolImporter
{
    private const string DemoResource = "SystemLeadership.Infrastructure.Schools.DemoSchools.csv";

    // Column lists are spelled out (not built from the model) so every statement is constant SQL;
    // ImportAsync checks the list against the EF model so a new School property cannot be silently dropped.
    private static readonly string[] Columns =
    [
        nameof(School.Urn), nameof(School.Name), nameof(School.LaCode), nameof(School.LaName), nameof(School.EstablishmentNumber),
        nameof(School.TypeOfEstablishment), nameof(School.EstablishmentTypeGroup), nameof(School.Status), nameof(School.OpenDate),
        nameof(School.CloseDate), nameof(School.PhaseCode), nameof(School.Phase), nameof(School.StatutoryLowAge),
        nameof(School.StatutoryHighAge), nameof(School.NumberOfPupils), nameof(School.Trust), nameof(School.Diocese),
        nameof(School.Street), nameof(School.Town), nameof(School.Postcode), nameof(School.Website), nameof(School.Telephone),
        nameof(School.HeadFirstName), nameof(School.HeadLastName), nameof(School.Region), nameof(School.Easting),
        nameof(School.Northing), nameof(School.OfstedRating), nameof(School.OfstedLastInspection), nameof(School.UrbanRural),
    ];

    // pg_temp is named so the DROP can never reach a real table; ON COMMIT DROP tidies up after the transaction.
    private const string CreateStagingSql = """
        DROP TABLE IF EXISTS pg_temp.school_import;
        CREATE TEMP TABLE school_import (LIKE "Schools" INCLUDING DEFAULTS) ON COMMIT DROP;
        """;

    private const string CopySql = """
        COPY pg_temp.school_import ("Urn", "Name", "LaCode", "LaName", "EstablishmentNumber", "TypeOfEstablishment",
            "EstablishmentTypeGroup", "Status", "OpenDate", "CloseDate", "PhaseCode", "Phase", "StatutoryLowAge",
            "StatutoryHighAge", "NumberOfPupils", "Trust", "Diocese", "Street", "Town", "Postcode", "Website", "Telephone",
            "HeadFirstName", "HeadLastName", "Region", "Easting", "Northing", "OfstedRating", "OfstedLastInspection", "UrbanRural")
        FROM STDIN (FORMAT BINARY)
        """;

    // Every sub-statement of a WITH sees the same snapshot, so "existing" is the table before the upsert: a returned
    // URN found there was updated, one not found was added. Rows identical to the file are not rewritten or returned.
    private const string UpsertSql = """
        WITH existing AS (
            SELECT s."Urn" FROM "Schools" s JOIN pg_temp.school_import i ON i."Urn" = s."Urn"
        ), upserted AS (
            INSERT INTO "Schools" AS s ("Urn", "Name", "LaCode", "LaName", "EstablishmentNumber", "TypeOfEstablishment",
                "EstablishmentTypeGroup", "Status", "OpenDate", "CloseDate", "PhaseCode", "Phase", "StatutoryLowAge",
                "StatutoryHighAge", "NumberOfPupils", "Trust", "Diocese", "Street", "Town", "Postcode", "Website", "Telephone",
                "HeadFirstName", "HeadLastName", "Region", "Easting", "Northing", "OfstedRating", "OfstedLastInspection", "UrbanRural")
            SELECT "Urn", "Name", "LaCode", "LaName", "EstablishmentNumber", "TypeOfEstablishment",
                "EstablishmentTypeGroup", "Status", "OpenDate", "CloseDate", "PhaseCode", "Phase", "StatutoryLowAge",
                "StatutoryHighAge", "NumberOfPupils", "Trust", "Diocese", "Street", "Town", "Postcode", "Website", "Telephone",
                "HeadFirstName", "HeadLastName", "Region", "Easting", "Northing", "OfstedRating", "OfstedLastInspection", "UrbanRural"
            FROM pg_temp.school_import
            ON CONFLICT ("Urn") DO UPDATE SET
                "Name" = EXCLUDED."Name", "LaCode" = EXCLUDED."LaCode", "LaName" = EXCLUDED."LaName",
                "EstablishmentNumber" = EXCLUDED."EstablishmentNumber", "TypeOfEstablishment" = EXCLUDED."TypeOfEstablishment",
                "EstablishmentTypeGroup" = EXCLUDED."EstablishmentTypeGroup", "Status" = EXCLUDED."Status",
                "OpenDate" = EXCLUDED."OpenDate", "CloseDate" = EXCLUDED."CloseDate", "PhaseCode" = EXCLUDED."PhaseCode",
                "Phase" = EXCLUDED."Phase", "StatutoryLowAge" = EXCLUDED."StatutoryLowAge",
                "StatutoryHighAge" = EXCLUDED."StatutoryHighAge", "NumberOfPupils" = EXCLUDED."NumberOfPupils",
                "Trust" = EXCLUDED."Trust", "Diocese" = EXCLUDED."Diocese", "Street" = EXCLUDED."Street",
                "Town" = EXCLUDED."Town", "Postcode" = EXCLUDED."Postcode", "Website" = EXCLUDED."Website",
                "Telephone" = EXCLUDED."Telephone", "HeadFirstName" = EXCLUDED."HeadFirstName",
                "HeadLastName" = EXCLUDED."HeadLastName", "Region" = EXCLUDED."Region", "Easting" = EXCLUDED."Easting",
                "Northing" = EXCLUDED."Northing", "OfstedRating" = EXCLUDED."OfstedRating",
                "OfstedLastInspection" = EXCLUDED."OfstedLastInspection", "UrbanRural" = EXCLUDED."UrbanRural"
            WHERE (s."Name", s."LaCode", s."LaName", s."EstablishmentNumber", s."TypeOfEstablishment",
                s."EstablishmentTypeGroup", s."Status", s."OpenDate", s."CloseDate", s."PhaseCode", s."Phase",
                s."StatutoryLowAge", s."StatutoryHighAge", s."NumberOfPupils", s."Trust", s."Diocese", s."Street", s."Town",
                s."Postcode", s."Website", s."Telephone", s."HeadFirstName", s."HeadLastName", s."Region", s."Easting",
                s."Northing", s."OfstedRating", s."OfstedLastInspection", s."UrbanRural")
              IS DISTINCT FROM
                (EXCLUDED."Name", EXCLUDED."LaCode", EXCLUDED."LaName", EXCLUDED."EstablishmentNumber",
                EXCLUDED."TypeOfEstablishment", EXCLUDED."EstablishmentTypeGroup", EXCLUDED."Status", EXCLUDED."OpenDate",
                EXCLUDED."CloseDate", EXCLUDED."PhaseCode", EXCLUDED."Phase", EXCLUDED."StatutoryLowAge",
                EXCLUDED."StatutoryHighAge", EXCLUDED."NumberOfPupils", EXCLUDED."Trust", EXCLUDED."Diocese",
                EXCLUDED."Street", EXCLUDED."Town", EXCLUDED."Postcode", EXCLUDED."Website", EXCLUDED."Telephone",
                EXCLUDED."HeadFirstName", EXCLUDED."HeadLastName", EXCLUDED."Region", EXCLUDED."Easting",
                EXCLUDED."Northing", EXCLUDED."OfstedRating", EXCLUDED."OfstedLastInspection", EXCLUDED."UrbanRural")
            RETURNING s."Urn"
        )
        SELECT count(*) FILTER (WHERE e."Urn" IS NULL), count(*) FILTER (WHERE e."Urn" IS NOT NULL)
        FROM upserted u LEFT JOIN existing e ON e."Urn" = u."Urn"
        """;

    /// <summary>
    /// Checks the whole extract, then upserts its schools by URN in one transaction (joining the context's transaction
    /// if it has one). Closed establishments (status "Closed…", or a close date on or before <paramref name="today"/>) are
    /// skipped unless <paramref name="includeClosed"/>; "Open, but proposed to close" and any school whose close date is
    /// still ahead count as open. If any row is malformed nothing is written and the errors are returned. Schools already
    /// tracked by <paramref name="db"/> are not refreshed. <paramref name="progress"/> hears how far it has got.
    /// </summary>
    public static async Task<SchoolImportResult> ImportAsync(AppDbContext db, Stream csv, bool includeClosed = false,
        DateOnly? today = null, IProgress<SchoolImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(csv);
        EnsureColumnsMatchModel(db);

        var length = csv.CanSeek ? csv.Length : 0;
        var read = GiasCsvReader.Read(csv, rows => progress?.Report(new SchoolImportProgress(SchoolImportStage.Reading, rows,
            length > 0 ? Math.Min(1, (double)csv.Position / length) : 0)));
        if (read.Errors.Count > 0) return SchoolImportResult.Failed(read.Errors);

        var day = today ?? UkTime.Day(DateTimeOffset.UtcNow);
        var schools = read.Rows.Select(r => r.School).Where(s => includeClosed || s.IsOpenOn(day)).ToList();
        var skippedClosed = read.Rows.Count - schools.Count;
        progress?.Report(new SchoolImportProgress(SchoolImportStage.Writing, read.Rows.Count, 1, schools.Count));

        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var ownTransaction = db.Database.CurrentTransaction is null
                ? await db.Database.BeginTransactionAsync(cancellationToken)
                : null;
            await using (ownTransaction)
            {
                await using (var staging = new NpgsqlCommand(CreateStagingSql, connection))
                {
                    await staging.ExecuteNonQueryAsync(cancellationToken);
                }
                await CopyAsync(connection, schools, cancellationToken);

                int added, updated;
                await using (var upsert = new NpgsqlCommand(UpsertSql, connection))
                await using (var reader = await upsert.ExecuteReaderAsync(cancellationToken))
                {
                    await reader.ReadAsync(cancellationToken);
                    added = checked((int)reader.GetInt64(0));
                    updated = checked((int)reader.GetInt64(1));
                }

                if (ownTransaction is not null) await ownTransaction.CommitAsync(cancellationToken);
                return new SchoolImportResult(added, updated, schools.Count - added - updated, skippedClosed, []);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>A dozen fictional North Yorkshire schools in the GIAS format (Windows-1252), one of them closed.</summary>
    public static Stream DemoSchoolsCsv() =>
        typeof(SchoolImporter).Assembly.GetManifestResourceStream(DemoResource)
        ?? throw new InvalidOperationException($"The embedded resource {DemoResource} is missing from the build.");

    private static async Task CopyAsync(NpgsqlConnection connection, List<School> schools, CancellationToken cancellationToken)
    {
        await using var copy = await connection.BeginBinaryImportAsync(CopySql, cancellationToken);
        foreach (var s in schools)
        {
            await copy.StartRowAsync(cancellationToken);
            await copy.WriteAsync(s.Urn, NpgsqlDbType.Integer, cancellationToken);
            await WriteAsync(copy, s.Name, cancellationToken);
            await WriteAsync(copy, s.LaCode, cancellationToken);
            await WriteAsync(copy, s.LaName, cancellationToken);
            await WriteAsync(copy, s.EstablishmentNumber, cancellationToken);
            await WriteAsync(copy, s.TypeOfEstablishment, cancellationToken);
            await WriteAsync(copy, s.EstablishmentTypeGroup, cancellationToken);
            await WriteAsync(copy, s.Status, cancellationToken);
            await WriteAsync(copy, s.OpenDate, cancellationToken);
            await WriteAsync(copy, s.CloseDate, cancellationToken);
            await WriteAsync(copy, s.PhaseCode, cancellationToken);
            await WriteAsync(copy, s.Phase, cancellationToken);
            await WriteAsync(copy, s.StatutoryLowAge, cancellationToken);
            await WriteAsync(copy, s.StatutoryHighAge, cancellationToken);
            await WriteAsync(copy, s.NumberOfPupils, cancellationToken);
            await WriteAsync(copy, s.Trust, cancellationToken);
            await WriteAsync(copy, s.Diocese, cancellationToken);
            await WriteAsync(copy, s.Street, cancellationToken);
            await WriteAsync(copy, s.Town, cancellationToken);
            await WriteAsync(copy, s.Postcode, cancellationToken);
            await WriteAsync(copy, s.Website, cancellationToken);
            await WriteAsync(copy, s.Telephone, cancellationToken);
            await WriteAsync(copy, s.HeadFirstName, cancellationToken);
            await WriteAsync(copy, s.HeadLastName, cancellationToken);
            await WriteAsync(copy, s.Region, cancellationToken);
            await WriteAsync(copy, s.Easting, cancellationToken);
            await WriteAsync(copy, s.Northing, cancellationToken);
            await WriteAsync(copy, s.OfstedRating, cancellationToken);
            await WriteAsync(copy, s.OfstedLastInspection, cancellationToken);
            await WriteAsync(copy, s.UrbanRural, cancellationToken);
        }
        await copy.CompleteAsync(cancellationToken);
    }

    private static Task WriteAsync(NpgsqlBinaryImporter copy, string? value, CancellationToken cancellationToken) =>
        value is null ? copy.WriteNullAsync(cancellationToken) : copy.WriteAsync(value, NpgsqlDbType.Text, cancellationToken);

    private static Task WriteAsync(NpgsqlBinaryImporter copy, int? value, CancellationToken cancellationToken) =>
        value is { } v ? copy.WriteAsync(v, NpgsqlDbType.Integer, cancellationToken) : copy.WriteNullAsync(cancellationToken);

    private static Task WriteAsync(NpgsqlBinaryImporter copy, DateOnly? value, CancellationToken cancellationToken) =>
        value is { } v ? copy.WriteAsync(v, NpgsqlDbType.Date, cancellationToken) : copy.WriteNullAsync(cancellationToken);

    private static void EnsureColumnsMatchModel(AppDbContext db)
    {
        var entity = db.Model.FindEntityType(typeof(School)) ?? throw new InvalidOperationException("School is not in the model.");
        var modelColumns = entity.GetProperties().Select(p => p.GetColumnName()).Order(StringComparer.Ordinal);
        if (!modelColumns.SequenceEqual(Columns.Order(StringComparer.Ordinal), StringComparer.Ordinal))
        {
            throw new InvalidOperationException("The Schools table and SchoolImporter's column list differ: update the importer's SQL.");
        }
    }
}
