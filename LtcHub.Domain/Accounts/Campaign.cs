using LtcHub.Domain.Common;

namespace LtcHub.Domain.Accounts;

/// <summary>A marketing campaign leads come from (an exhibition, an ad, a webinar), with what it cost.</summary>
public sealed class Campaign
{
    public const int NameMaxLength = 100;
    public const int FormTokenMaxLength = 64;

    private Campaign()
    {
    }

    public Campaign(string name, LeadSource source, decimal cost, string currency, DateOnly startDate, DateOnly? endDate) =>
        Set(name, source, cost, currency, startDate, endDate, active: true);

    public int Id { get; private set; }

    public string Name { get; private set; } = "";

    public LeadSource Source { get; private set; }

    /// <summary>What it cost, so the return per source can be read on cash collected.</summary>
    public decimal Cost { get; private set; }

    public string Currency { get; private set; } = Money.DefaultCurrency;

    public DateOnly StartDate { get; private set; }

    public DateOnly? EndDate { get; private set; }

    public bool Active { get; private set; }

    public long Version { get; private set; }

    /// <summary>The secret in its public web form's address (null: no form); anyone with the address may send a lead.</summary>
    public string? FormToken { get; private set; }

    /// <summary>The rep who gets the leads its web form sends.</summary>
    public string? FormOwnerId { get; private set; }

    /// <summary>Opens (or re-keys: the old address stops working) its web form, its leads going to <paramref name="ownerId"/>.</summary>
    public void OpenWebForm(string token, string ownerId)
    {
        (FormToken, FormOwnerId) = (token, ownerId);
        Version++;
    }

    public void CloseWebForm()
    {
        (FormToken, FormOwnerId) = (null, null);
        Version++;
    }

    public void Set(string name, LeadSource source, decimal cost, string currency, DateOnly startDate, DateOnly? endDate, bool active)
    {
        var n = Text.Required(name, NameMaxLength, "Field.CampaignName");
        var c = cost == 0 ? 0m : Money.ValidAmount(cost);
        if (!Enum.IsDefined(source))
        {
            throw new DomainException("Error.NotFound");
        }

        var start = Dates.Valid(startDate, "Field.StartDate");
        if (endDate is { } end && Dates.Valid(end, "Field.EndDate") < start)
        {
            throw new DomainException("Error.EndBeforeStart");
        }

        (Name, Source, Cost, Currency, StartDate, EndDate, Active) = (n, source, c, Money.ValidCurrency(currency), start, endDate, active);
        Version++;
    }
}
