using System.Collections;
using System.Reflection;
using System.Text.Json;
using SystemLeadership.Domain.Auditing;
using SystemLeadership.Domain.Deployments;
using SystemLeadership.Domain.Designations;
using SystemLeadership.Domain.Evaluations;
using SystemLeadership.Web.Components.Shared;
using SystemLeadership.Web.Tests.Deployments;

namespace SystemLeadership.Web.Tests.Shared;

/// <summary>
/// What a prerendered page carries to its circuit comes back whole: every entity a kept page reads, with every property
/// it has (an entity that gained a property the page cannot carry fails here, not on someone's screen).
/// </summary>
public class PrerenderedTests
{
    public static TheoryData<Type> KeptEntities => new()
    {
        typeof(Designation), typeof(AuditEntry), typeof(Deployment), typeof(Visit), typeof(VisitRecord), typeof(VisitEvaluation),
        typeof(ObjectiveReview), typeof(DeploymentEvaluation), typeof(QaReview),
        typeof(DesignationApplication), typeof(Reference), typeof(Interview), typeof(Panellist),
    };

    [Theory]
    [MemberData(nameof(KeptEntities))]
    public void Every_property_of_an_entity_a_page_keeps_comes_back_as_it_was(Type type)
    {
        var entity = Filled(type);

        var json = JsonSerializer.Serialize(entity, type, Prerendered.Json);
        var back = JsonSerializer.Deserialize(json, type, Prerendered.Json)!;

        Assert.Equal(json, JsonSerializer.Serialize(back, type, Prerendered.Json));
        foreach (var property in Settable(type))
            Assert.True(property.GetValue(back) is not null, $"{type.Name}.{property.Name} was not carried");
    }

    [Fact]
    public void A_deployment_made_from_an_agreed_proposal_comes_back_with_its_terms_and_objectives()
    {
        var deployment = DeploymentPanelTests.Agreed();

        var json = JsonSerializer.Serialize(deployment, Prerendered.Json);
        var back = JsonSerializer.Deserialize<Deployment>(json, Prerendered.Json)!;

        Assert.Equal(json, JsonSerializer.Serialize(back, Prerendered.Json));
        Assert.Equal(deployment.Objectives, back.Objectives);
        Assert.Equal((deployment.Id, deployment.State, deployment.LeaderName, deployment.SchoolName), (back.Id, back.State, back.LeaderName, back.SchoolName));
    }

    private static IEnumerable<PropertyInfo> Settable(Type type) =>
        type.GetProperties(BindingFlags.Instance | BindingFlags.Public).Where(p => p.SetMethod is not null && p.GetIndexParameters().Length == 0);

    /// <summary>An instance made as EF makes it (its private constructor), each property set to a value of its type.</summary>
    internal static object Filled(Type type)
    {
        var entity = Activator.CreateInstance(type, nonPublic: true)!;
        foreach (var property in Settable(type))
            property.SetValue(entity, Sample(property.PropertyType, property.Name));
        return entity;
    }

    private static object Sample(Type type, string name)
    {
        var inner = Nullable.GetUnderlyingType(type) ?? type;
        if (inner == typeof(string)) return $"{name} text";
        if (inner == typeof(Guid)) return Guid.NewGuid();
        if (inner == typeof(int)) return 3;
        if (inner == typeof(uint)) return 7u;
        if (inner == typeof(long)) return 11L;
        if (inner == typeof(decimal)) return 2.5m;
        if (inner == typeof(bool)) return true;
        if (inner == typeof(DateOnly)) return new DateOnly(2026, 11, 24);
        if (inner == typeof(DateTimeOffset)) return new DateTimeOffset(2026, 11, 24, 10, 30, 0, TimeSpan.Zero);
        if (inner.IsEnum) return Enum.GetValues(inner).Cast<object>().Last();
        if (inner.IsGenericType && typeof(IEnumerable).IsAssignableFrom(inner))
        {
            var element = inner.GetGenericArguments()[0];
            var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(element))!;
            list.Add(Sample(element, name));
            return list;
        }
        // A value object (a record): its primary constructor, each parameter a sample.
        var constructor = inner.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();
        return constructor.Invoke(constructor.GetParameters().Select(p => Sample(p.ParameterType, p.Name!)).ToArray());
    }
}
