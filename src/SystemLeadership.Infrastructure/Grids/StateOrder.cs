using System.Linq.Expressions;

namespace SystemLeadership.Infrastructure.Grids;

/// <summary>
/// Sorting by a state in its workflow's order (the order its enum declares: requested before accepted before brokered),
/// not by the name the database stores, which would put "Accepted" first: a CASE in SQL.
/// </summary>
public static class StateOrder
{
    public static Expression<Func<T, int>> Of<T, TState>(Expression<Func<T, TState>> state) where TState : struct, Enum
    {
        var values = Enum.GetValues<TState>();
        Expression rank = Expression.Constant(values.Length);
        for (var i = values.Length - 1; i >= 0; i--)
        {
            // As the compiler writes "x.State == TState.Value": both sides as the enum's underlying number.
            var same = Expression.Equal(Expression.Convert(state.Body, typeof(int)), Expression.Constant(Convert.ToInt32(values[i], System.Globalization.CultureInfo.InvariantCulture)));
            rank = Expression.Condition(same, Expression.Constant(i), rank);
        }
        return Expression.Lambda<Func<T, int>>(rank, state.Parameters);
    }
}
