namespace SystemLeadership.Domain.Common;

/// <summary>How a use case says no: the record is not there for this person, the move is not theirs to make now, the
/// page they acted on is out of date, or what they typed is wrong (with a message per field).</summary>
public enum RefusalKind
{
    NotFound,
    NotAllowed,
    Stale,
    Invalid,
}

/// <summary>
/// The one base for every refusal a person is shown in words. Anything else thrown by a use case is a bug: it reaches
/// the log and the error page, never the person as a message.
/// </summary>
public abstract class RefusedException(RefusalKind kind, string message) : InvalidOperationException(message)
{
    public RefusalKind Kind { get; } = kind;

    /// <summary>Messages to show beside fields, keyed by the field's name; empty when the refusal is for the whole page.</summary>
    public virtual IReadOnlyDictionary<string, string> Fields => new Dictionary<string, string>();
}

/// <summary>Not in this tenant, or not this person's to see: the same answer, so ids are never confirmed to exist.</summary>
public sealed class NotFoundException() : RefusedException(RefusalKind.NotFound, "Not found.");

/// <summary>A move the lifecycle does not allow now, or not to this person, or that a rule (capacity, evidence) refuses.</summary>
public sealed class NotAllowedException(string message) : RefusedException(RefusalKind.NotAllowed, message);

/// <summary>Someone else changed the record (or won a race for it) since the person loaded the page.</summary>
public sealed class StaleException() : RefusedException(RefusalKind.Stale, Text)
{
    public const string Text = "This record was changed by someone else while you were looking at it. Reload to see their change, then try again.";
}

/// <summary>Input that cannot be accepted, with the message for the field it belongs to.</summary>
public sealed class InvalidInputException : RefusedException
{
    private readonly Dictionary<string, string> fields;

    public InvalidInputException(string field, string message) : base(RefusalKind.Invalid, message)
    {
        fields = new() { [field] = message };
        Problems = [message];
    }

    public InvalidInputException(IReadOnlyDictionary<string, string> fields) : base(RefusalKind.Invalid, string.Join(" ", fields.Values))
    {
        this.fields = new(fields);
        Problems = [.. fields.Values];
    }

    /// <summary>Every reason at once, for a form refused as a whole (a scheme's rules, for example).</summary>
    public InvalidInputException(IReadOnlyList<string> problems) : base(RefusalKind.Invalid, string.Join(" ", problems))
    {
        fields = [];
        Problems = problems;
    }

    public IReadOnlyList<string> Problems { get; }

    public override IReadOnlyDictionary<string, string> Fields => fields;
}
