namespace SystemLeadership.Web.Components.Designations;

public static class DesignationErrors
{
    /// <summary>An exception's message as people should read it: without .NET's " (Parameter 'x')" suffix.</summary>
    public static string Plain(Exception e) =>
        e is ArgumentException { ParamName: { } name } a ? a.Message.Replace($" (Parameter '{name}')", "", StringComparison.Ordinal) : e.Message;
}
