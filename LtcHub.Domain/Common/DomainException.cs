namespace LtcHub.Domain.Common;

/// <summary>
/// A rule of the domain was broken. <see cref="Code"/> is a stable key that the UI
/// translates (zh-CN / en); <see cref="Args"/> fill its placeholders.
/// </summary>
public class DomainException(string code, params object[] args) : Exception(code)
{
    public string Code { get; } = code;

    public IReadOnlyList<object> Args { get; } = args;
}
