using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SystemLeadership.Infrastructure.Data.Migrations
{
    /// <summary>
    /// Every row-level-security policy reads the settings it compares (<c>app.tenant_id</c>, <c>app.user_id</c>,
    /// <c>app.national_read</c>) through a scalar sub-select, which PostgreSQL runs once per statement (an InitPlan),
    /// instead of calling <c>current_setting</c> for every row a scan filters. The value is the same, so every policy
    /// lets through exactly the rows it did; a scan over many rows (the College's national figures) costs less.
    /// Policies made since <see cref="Tenancy.RowLevelSecurity.CurrentTenant"/> took the sub-select are left as they are.
    /// </summary>
    public partial class PoliciesReadSettingsOnce : Migration
    {
        /// <summary>The rewrite of every policy (idempotent: a call already inside a SELECT is left alone). A test runs it on old-form policies.</summary>
        internal const string Rewrite = """
                DO $$
                DECLARE
                    p record;
                    rewritten_qual text;
                    rewritten_check text;
                BEGIN
                    FOR p IN SELECT tablename, policyname, qual, with_check FROM pg_policies
                             WHERE schemaname = 'public' AND (qual LIKE '%current_setting(%' OR with_check LIKE '%current_setting(%')
                    LOOP
                        rewritten_qual := replace(regexp_replace(regexp_replace(p.qual,
                            'SELECT (\(?(NULLIF\()?)current_setting\(', 'SELECT \1kept_setting(', 'g'),
                            'current_setting\(''(app\.[a-z_]+)''::text, true\)', '(SELECT current_setting(''\1'', true))', 'g'),
                            'kept_setting(', 'current_setting(');
                        rewritten_check := replace(regexp_replace(regexp_replace(p.with_check,
                            'SELECT (\(?(NULLIF\()?)current_setting\(', 'SELECT \1kept_setting(', 'g'),
                            'current_setting\(''(app\.[a-z_]+)''::text, true\)', '(SELECT current_setting(''\1'', true))', 'g'),
                            'kept_setting(', 'current_setting(');
                        IF rewritten_qual IS DISTINCT FROM p.qual OR rewritten_check IS DISTINCT FROM p.with_check THEN
                            EXECUTE format('ALTER POLICY %I ON %I', p.policyname, p.tablename)
                                || coalesce(' USING (' || rewritten_qual || ')', '')
                                || coalesce(' WITH CHECK (' || rewritten_check || ')', '');
                        END IF;
                    END LOOP;
                END
                $$;
                """;

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Each policy's expression as PostgreSQL keeps it: calls already inside a SELECT are marked first, so only
            // bare calls are wrapped, then the mark is taken off. ALTER POLICY keeps the policy's name, command and roles.
            migrationBuilder.Sql(Rewrite);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Nothing to undo: a sub-select of a setting is the setting, so the policies admit the same rows either way.
        }
    }
}
