namespace LtcHub.Domain.Common;

/// <summary>The acting user may not do this. Services throw it; the UI shows the translated reason.</summary>
public sealed class ForbiddenException(string code = "Error.Forbidden", params object[] args) : DomainException(code, args);
