using System.Globalization;
using LtcHub.Domain.Common;
using LtcHub.Domain.Teams;

namespace LtcHub.Domain.Pipeline;

/// <summary>Collects field changes, applies them together, and bumps the version once.</summary>
internal sealed class DealAuditTrail(Deal deal, Actor by, DateTime nowUtc)
{
    private readonly List<AuditEntry> _entries = [];
    private readonly List<Action> _apply = [];

    public void Set(string field, string? oldValue, string? newValue, Action apply)
    {
        if (oldValue == newValue)
        {
            return;
        }

        _entries.Add(new AuditEntry(nowUtc, by.UserId, by.DisplayName, Deal.EntityType,
            deal.Id.ToString(CultureInfo.InvariantCulture), field, oldValue, newValue));
        _apply.Add(apply);
    }

    public IReadOnlyList<AuditEntry> Commit()
    {
        if (_entries.Count == 0)
        {
            return _entries;
        }

        foreach (var apply in _apply)
        {
            apply();
        }

        deal.Touched(nowUtc);
        return _entries;
    }
}
