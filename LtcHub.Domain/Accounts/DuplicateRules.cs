using LtcHub.Domain.Teams;

namespace LtcHub.Domain.Accounts;

/// <summary>What a duplicate check match does: tell the user (they may go on), or stop the save.</summary>
public enum DuplicateMode
{
    Warn,
    Block,
}

/// <summary>Admin's choice, per check, of whether a match blocks or warns (one row).</summary>
public sealed class DuplicateRules
{
    public const int SingletonId = 1;

    private DuplicateRules()
    {
    }

    public DuplicateRules(DuplicateMode company, DuplicateMode phone, DuplicateMode email)
    {
        Id = SingletonId;
        Set(company, phone, email);
    }

    public int Id { get; private set; }

    public DuplicateMode Company { get; private set; }

    public DuplicateMode Phone { get; private set; }

    public DuplicateMode Email { get; private set; }

    public long Version { get; private set; }

    public static DuplicateRules Default() => new(DuplicateMode.Block, DuplicateMode.Warn, DuplicateMode.Warn);

    public static bool CanManage(Actor actor) => actor.IsAdmin;

    public void Set(DuplicateMode company, DuplicateMode phone, DuplicateMode email)
    {
        (Company, Phone, Email) = (company, phone, email);
        Version++;
    }
}
