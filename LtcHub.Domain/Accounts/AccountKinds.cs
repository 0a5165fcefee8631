namespace LtcHub.Domain.Accounts;

/// <summary>Where a customer stands with us.</summary>
public enum AccountStatus
{
    /// <summary>Not bought yet (every lead's company starts here).</summary>
    Prospect,

    /// <summary>Has won business with us.</summary>
    Customer,

    /// <summary>Was a customer; nothing open and nothing won for a long time (set by hand).</summary>
    Former,
}

/// <summary>How much the company matters to us (客户等级): it sets how long it may go without a follow-up before the pool takes it back.</summary>
public enum CustomerLevel
{
    A,
    B,
    C,
}

/// <summary>The company's size, by headcount.</summary>
public enum SizeBand
{
    Unknown,

    /// <summary>Fewer than 50 people.</summary>
    Small,

    /// <summary>50–499.</summary>
    Medium,

    /// <summary>500–4,999.</summary>
    Large,

    /// <summary>5,000 and more.</summary>
    Enterprise,
}

/// <summary>Where a lead came from.</summary>
public enum LeadSource
{
    Referral,
    Web,
    Exhibition,
    Phone,
    Partner,
    Campaign,
    Other,
}
