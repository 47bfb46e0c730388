using SystemLeadership.Domain.Common;

namespace SystemLeadership.Domain.Workflows;

/// <summary>
/// One row of a lifecycle table: from a state, a move made by a role leads to a state, shown with a label.
/// The guard, when there is one, returns why the move is refused now (null when allowed).
/// </summary>
public sealed record Transition<TState, TMove, TActor, TSubject>(
    TState From, TMove Move, TState To, TActor Actor, string Label, Func<TSubject, string?>? Guard = null)
    where TState : struct, Enum where TMove : struct, Enum where TActor : struct, Enum
{
    public string? RefusalFor(TSubject subject) => Guard?.Invoke(subject);
}

/// <summary>
/// A lifecycle as a table, each row with its guard. The UI offers <see cref="MovesFor"/>; entities apply
/// <see cref="Require"/>, so a move the UI would not show is refused below it too. A move with no row is refused in
/// the words of <c>outsideTable</c> when given (say, "This application is draft: …"), otherwise in general words.
/// </summary>
public sealed class Workflow<TState, TMove, TActor, TSubject>(
    IReadOnlyList<Transition<TState, TMove, TActor, TSubject>> transitions, Func<TState, string> stateName,
    Func<TState, string>? outsideTable = null)
    where TState : struct, Enum where TMove : struct, Enum where TActor : struct, Enum
{
    public IReadOnlyList<Transition<TState, TMove, TActor, TSubject>> Transitions { get; } = transitions;

    /// <summary>Every row a role has from a state, ignoring guards: the table as documentation and for tests.</summary>
    public IReadOnlyList<Transition<TState, TMove, TActor, TSubject>> RowsFor(TState state, TActor actor) =>
        Transitions.Where(t => t.From.Equals(state) && t.Actor.Equals(actor)).ToList();

    /// <summary>The moves this role may make on this subject now (guards passed).</summary>
    public IReadOnlyList<Transition<TState, TMove, TActor, TSubject>> MovesFor(TSubject subject, TState state, TActor actor) =>
        RowsFor(state, actor).Where(t => t.RefusalFor(subject) is null).ToList();

    /// <summary>The first row whose guard passes, or a refusal naming why.</summary>
    public Transition<TState, TMove, TActor, TSubject> Require(TSubject subject, TState state, TMove move, TActor actor)
    {
        var rows = Transitions.Where(t => t.From.Equals(state) && t.Move.Equals(move) && t.Actor.Equals(actor)).ToList();
        if (rows.Count == 0)
            throw new NotAllowedException(outsideTable?.Invoke(state)
                ?? $"This is {stateName(state).ToLowerInvariant()}: it cannot be moved that way now, or not by you.");
        foreach (var row in rows)
        {
            if (row.RefusalFor(subject) is null) return row;
        }
        throw new NotAllowedException(rows[0].RefusalFor(subject)!);
    }
}
