namespace LtcHub.Domain.Common;

/// <summary>
/// There is nothing the acting user may see under this id. Also thrown when something exists but is
/// not theirs to see, where telling the two apart would reveal that it exists.
/// </summary>
public sealed class NotFoundException(string code = "Error.NotFound", params object[] args) : DomainException(code, args);
