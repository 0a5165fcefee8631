namespace LtcHub.Domain.Common;

/// <summary>Dates users enter must be plausible business dates.</summary>
public static class Dates
{
    public static readonly DateOnly Earliest = new(2000, 1, 1);
    public static readonly DateOnly Latest = new(2100, 12, 31);

    public static DateOnly Valid(DateOnly date, string field)
    {
        if (date < Earliest || date > Latest)
        {
            throw new DomainException("Error.DateOutOfRange", field, Earliest, Latest);
        }

        return date;
    }
}
