namespace LtcHub.Domain.Common;

/// <summary>One append-only line of history: who changed which field of what, when, from → to.</summary>
public sealed class AuditEntry
{
    private AuditEntry()
    {
    }

    public AuditEntry(
        DateTime atUtc, string actorId, string actorName, string entityType, string entityId,
        string field, string? oldValue, string? newValue)
    {
        AtUtc = atUtc;
        ActorId = actorId;
        ActorName = actorName;
        EntityType = entityType;
        EntityId = entityId;
        Field = field;
        OldValue = oldValue;
        NewValue = newValue;
    }

    public long Id { get; private set; }

    public DateTime AtUtc { get; private set; }

    public string ActorId { get; private set; } = "";

    public string ActorName { get; private set; } = "";

    public string EntityType { get; private set; } = "";

    public string EntityId { get; private set; } = "";

    public string Field { get; private set; } = "";

    public string? OldValue { get; private set; }

    public string? NewValue { get; private set; }
}
