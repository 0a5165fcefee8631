using System.Globalization;
using System.Reflection;
using LtcHub.Domain.Common;

namespace LtcHub.Web.Exports;

/// <summary>
/// A list's filter (a positional record) as a query string and back, so an export takes exactly the filter its
/// page shows. Reading is strict: a value that does not parse is refused, never taken as "no filter".
/// </summary>
public static class FilterQuery
{
    /// <summary>The refusal's code: the exports and the API answer it with 400.</summary>
    public const string Unreadable = "Error.FilterUnreadable";

    public static string ToQuery<TFilter>(TFilter filter) where TFilter : notnull
    {
        var pairs = new Dictionary<string, string?>();
        foreach (var parameter in Constructor<TFilter>().GetParameters())
        {
            var value = typeof(TFilter).GetProperty(parameter.Name!)?.GetValue(filter);
            if (value is not null && !Equals(value, parameter.HasDefaultValue ? parameter.DefaultValue : null))
            {
                pairs[Camel(parameter.Name!)] = Format(value);
            }
        }

        return QueryString.Create(pairs).Value ?? "";
    }

    /// <exception cref="DomainException">A value that does not parse for its parameter.</exception>
    public static TFilter Parse<TFilter>(IQueryCollection query)
    {
        var constructor = Constructor<TFilter>();
        var values = constructor.GetParameters().Select(p =>
        {
            var text = query.FirstOrDefault(q => string.Equals(q.Key, p.Name, StringComparison.OrdinalIgnoreCase)).Value.ToString();
            return string.IsNullOrEmpty(text) ? (p.HasDefaultValue ? p.DefaultValue : null) : Read(text, p);
        }).ToArray();
        return (TFilter)constructor.Invoke(values);
    }

    private static ConstructorInfo Constructor<TFilter>() =>
        typeof(TFilter).GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();

    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];

    private static string Format(object value) => value switch
    {
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        bool flag => flag ? "true" : "false",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static object Read(string text, ParameterInfo parameter)
    {
        var type = Nullable.GetUnderlyingType(parameter.ParameterType) ?? parameter.ParameterType;
        object? value = type switch
        {
            _ when type == typeof(string) => text,
            _ when type.IsEnum => Enum.TryParse(type, text, ignoreCase: true, out var e) && Enum.IsDefined(type, e!) ? e : null,
            _ when type == typeof(int) => int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) ? i : null,
            _ when type == typeof(decimal) => decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var d) ? d : null,
            _ when type == typeof(bool) => bool.TryParse(text, out var b) ? b : null,
            _ when type == typeof(DateOnly) => DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null,
            _ => null,
        };
        return value ?? throw new DomainException(Unreadable, Camel(parameter.Name!), text);
    }
}
