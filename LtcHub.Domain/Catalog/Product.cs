using LtcHub.Domain.Common;
using LtcHub.Domain.Teams;

namespace LtcHub.Domain.Catalog;

/// <summary>A product or service on the price list (产品与服务). A quote line may use one or be free text.</summary>
public sealed class Product
{
    public const int NameMaxLength = 200;
    public const int UnitMaxLength = 20;

    private Product()
    {
    }

    public Product(string nameZh, string nameEn, string unit, decimal listPrice, string currency, decimal taxRate, bool active = true)
    {
        Update(nameZh, nameEn, unit, listPrice, currency, taxRate, active);
        Version = 1;
    }

    public int Id { get; private set; }

    public string NameZh { get; private set; } = "";

    public string NameEn { get; private set; } = "";

    /// <summary>套, 人天, 年, license, day…</summary>
    public string Unit { get; private set; } = "";

    /// <summary>List price per unit, before tax.</summary>
    public decimal ListPrice { get; private set; }

    public string Currency { get; private set; } = Money.DefaultCurrency;

    /// <summary>VAT rate in percent (13, 9, 6, 0 …).</summary>
    public decimal TaxRate { get; private set; }

    public bool Active { get; private set; }

    public long Version { get; private set; }

    public string Name(bool english) => english ? NameEn : NameZh;

    public void Update(string nameZh, string nameEn, string unit, decimal listPrice, string currency, decimal taxRate, bool active)
    {
        NameZh = Text.Required(nameZh, NameMaxLength, "Field.ProductNameZh");
        NameEn = Text.Required(nameEn, NameMaxLength, "Field.ProductNameEn");
        Unit = Text.Required(unit, UnitMaxLength, "Field.Unit");
        ListPrice = listPrice >= 0 && listPrice <= Money.MaxAmount && decimal.Round(listPrice, 2) == listPrice
            ? listPrice
            : throw new DomainException("Error.PriceInvalid");
        Currency = Money.ValidCurrency(currency);
        TaxRate = Percent.Valid(taxRate, "Field.TaxRate");
        Active = active;
        Version++;
    }

    /// <summary>Admin and Finance keep the price list.</summary>
    public static bool CanManage(Actor actor) => actor.IsAdmin || actor.IsInRole(Roles.Finance);
}
