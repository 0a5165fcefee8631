using LtcHub.Domain.Common;

namespace LtcHub.Domain.Accounts;

/// <summary>A named, saved account filter (a segment: "华东 A 级制造业", "late payers"), kept per person.</summary>
public sealed class AccountSegment
{
    public const int NameMaxLength = 60;
    public const int FilterMaxLength = 2000;

    private AccountSegment()
    {
    }

    public AccountSegment(string ownerId, string name, string filterJson)
    {
        OwnerId = ownerId;
        Name = Text.Required(name, NameMaxLength, "Field.SegmentName");
        FilterJson = filterJson.Length <= FilterMaxLength ? filterJson : throw new DomainException("Error.TooLong", "Field.SegmentName", FilterMaxLength);
    }

    public int Id { get; private set; }

    public string OwnerId { get; private set; } = "";

    public string Name { get; private set; } = "";

    public string FilterJson { get; private set; } = "";
}
