using System;
using Microsoft.EntityFrameworkCore.Migrations;
using SystemLeadership.Infrastructure.Tenancy;

#nullable disable

namespace SystemLeadership.Infrastructure.Data.Migrations
{
    /// <inheritdoc />
    public partial class PublicDirectory : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "DirectoryListings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    HolderUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    Listed = table.Column<bool>(type: "boolean", nullable: false),
                    ShowSchool = table.Column<bool>(type: "boolean", nullable: false),
                    About = table.Column<string>(type: "character varying(600)", maxLength: 600, nullable: true),
                    ListedSince = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ChangedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DirectoryListings", x => new { x.TenantId, x.Id });
                });

            migrationBuilder.CreateIndex(
                name: "IX_DirectoryListings_Id",
                table: "DirectoryListings",
                column: "Id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DirectoryListings_TenantId_HolderUserId",
                table: "DirectoryListings",
                columns: new[] { "TenantId", "HolderUserId" },
                unique: true);

            migrationBuilder.EnableTenantRowLevelSecurity("DirectoryListings");

            // The public directory's read model (DirectoryReadModel): only what a leader agreed to publish, one row per
            // current designation. Anyone may read it (it is public); only its own tenant may write a row.
            migrationBuilder.Sql("""
                CREATE TABLE "DirectoryEntries" (
                    "DesignationId" uuid PRIMARY KEY,
                    "TenantId" uuid NOT NULL,
                    "HolderUserId" character varying(450) NOT NULL,
                    "ListingId" uuid NOT NULL,
                    "Name" character varying(300) NOT NULL,
                    "Type" character varying(60) NOT NULL,
                    "SchemeName" character varying(200) NOT NULL,
                    "SchemeShortName" character varying(12) NOT NULL,
                    "StartDate" date NOT NULL,
                    "EndDate" date,
                    "Specialisms" text[] NOT NULL,
                    "SchoolUrn" integer,
                    "SchoolName" character varying(300),
                    "Phase" text,
                    "LaName" text,
                    "Region" text,
                    "Easting" integer,
                    "Northing" integer,
                    "About" character varying(600),
                    "AllianceName" character varying(200) NOT NULL,
                    "AllianceSlug" character varying(60) NOT NULL,
                    "ListedSince" timestamp with time zone
                );
                CREATE INDEX "IX_DirectoryEntries_TenantId_HolderUserId" ON "DirectoryEntries" ("TenantId", "HolderUserId");
                CREATE INDEX "IX_DirectoryEntries_ListingId" ON "DirectoryEntries" ("ListingId");
                CREATE INDEX "IX_DirectoryEntries_Specialisms" ON "DirectoryEntries" USING gin ("Specialisms");
                """);
            migrationBuilder.Sql("ALTER TABLE \"DirectoryEntries\" ENABLE ROW LEVEL SECURITY;");
            migrationBuilder.Sql("ALTER TABLE \"DirectoryEntries\" FORCE ROW LEVEL SECURITY;");
            migrationBuilder.Sql("CREATE POLICY directory_public_read ON \"DirectoryEntries\" FOR SELECT USING (true);");
            migrationBuilder.Sql($"CREATE POLICY {RowLevelSecurity.PolicyName} ON \"DirectoryEntries\" USING (\"TenantId\" = {RowLevelSecurity.CurrentTenant}) WITH CHECK (\"TenantId\" = {RowLevelSecurity.CurrentTenant});");

            // Kept by triggers, in the transaction of the change: a designation that stops being active, or a consent
            // withdrawn, takes its rows away at once, whatever code path made the change. The function runs as the
            // caller, so row-level security still confines it to the caller's tenant.
            migrationBuilder.Sql("""
                CREATE FUNCTION directory_refresh(p_tenant uuid, p_holder text) RETURNS void
                LANGUAGE plpgsql SET search_path = public AS $$
                DECLARE
                    listing record;
                    person text;
                BEGIN
                    -- One refresh of a person at a time: two changes racing (a withdrawal and a new designation, say)
                    -- each see the other's committed result, so neither leaves a stale row behind.
                    PERFORM pg_advisory_xact_lock(hashtextextended(p_tenant::text || ':' || p_holder, 0));
                    DELETE FROM "DirectoryEntries" WHERE "TenantId" = p_tenant AND "HolderUserId" = p_holder;
                    SELECT "Id", "ShowSchool", "About", "ListedSince" INTO listing
                    FROM "DirectoryListings" WHERE "TenantId" = p_tenant AND "HolderUserId" = p_holder AND "Listed";
                    IF NOT FOUND THEN
                        RETURN;
                    END IF;
                    -- The person's name from a designation of their own: a national support school's "holder" is the school.
                    SELECT d."HolderName" INTO person FROM "Designations" d
                    WHERE d."TenantId" = p_tenant AND d."HolderUserId" = p_holder AND d."Type" <> 'NationalSupportSchool'
                    ORDER BY d."StartDate" DESC LIMIT 1;
                    INSERT INTO "DirectoryEntries" ("DesignationId", "TenantId", "HolderUserId", "ListingId", "Name", "Type",
                        "SchemeName", "SchemeShortName", "StartDate", "EndDate", "Specialisms", "SchoolUrn", "SchoolName",
                        "Phase", "LaName", "Region", "Easting", "Northing", "About", "AllianceName", "AllianceSlug", "ListedSince")
                    SELECT d."Id", d."TenantId", d."HolderUserId", listing."Id", COALESCE(person, d."HolderName"), d."Type",
                        d."SchemeName", d."SchemeShortName", d."StartDate", d."EndDate", d."Specialisms",
                        CASE WHEN listing."ShowSchool" THEN d."SchoolUrn" END, CASE WHEN listing."ShowSchool" THEN d."SchoolName" END,
                        s."Phase", s."LaName", s."Region",
                        -- A leader who keeps their school's name private is placed to the nearest kilometre only.
                        CASE WHEN listing."ShowSchool" THEN s."Easting" ELSE round(s."Easting", -3)::int END,
                        CASE WHEN listing."ShowSchool" THEN s."Northing" ELSE round(s."Northing", -3)::int END,
                        listing."About", t."Name", t."Slug", listing."ListedSince"
                    FROM "Designations" d
                    JOIN "Tenants" t ON t."Id" = d."TenantId"
                    LEFT JOIN "Schools" s ON s."Urn" = d."SchoolUrn"
                    WHERE d."TenantId" = p_tenant AND d."HolderUserId" = p_holder AND d."State" = 'Active'
                      -- A national support school is the leader's school by name: listed only when they show their school.
                      AND (d."Type" <> 'NationalSupportSchool' OR listing."ShowSchool");
                END $$;

                CREATE FUNCTION directory_holder_changed() RETURNS trigger
                LANGUAGE plpgsql SET search_path = public AS $$
                BEGIN
                    IF TG_OP IN ('UPDATE', 'DELETE') THEN
                        PERFORM directory_refresh(OLD."TenantId", OLD."HolderUserId");
                    END IF;
                    IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND (NEW."TenantId", NEW."HolderUserId") IS DISTINCT FROM (OLD."TenantId", OLD."HolderUserId")) THEN
                        PERFORM directory_refresh(NEW."TenantId", NEW."HolderUserId");
                    END IF;
                    RETURN NULL;
                END $$;

                CREATE TRIGGER directory_designations AFTER INSERT OR UPDATE OR DELETE ON "Designations"
                    FOR EACH ROW EXECUTE FUNCTION directory_holder_changed();
                CREATE TRIGGER directory_listings AFTER INSERT OR UPDATE OR DELETE ON "DirectoryListings"
                    FOR EACH ROW EXECUTE FUNCTION directory_holder_changed();
                """);

            // "Near LS1 4AP": a postcode is placed by the schools that share it, or else its district.
            migrationBuilder.Sql("""
                CREATE INDEX "IX_Schools_PostcodeKey" ON "Schools" (upper(replace("Postcode", ' ', '')));
                CREATE INDEX "IX_Schools_PostcodeDistrict" ON "Schools" (upper(split_part(btrim("Postcode"), ' ', 1)));
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP INDEX "IX_Schools_PostcodeDistrict";
                DROP INDEX "IX_Schools_PostcodeKey";
                DROP TRIGGER directory_listings ON "DirectoryListings";
                DROP TRIGGER directory_designations ON "Designations";
                DROP FUNCTION directory_holder_changed();
                DROP FUNCTION directory_refresh(uuid, text);
                DROP TABLE "DirectoryEntries";
                """);
            migrationBuilder.DropTable(
                name: "DirectoryListings");
        }
    }
}
