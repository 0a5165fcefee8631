using LtcHub.Domain.Catalog;
using LtcHub.Domain.Common;
using LtcHub.Domain.Teams;
using LtcHub.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace LtcHub.Infrastructure.Catalog;

public sealed record ProductInput(string NameZh, string NameEn, string Unit, decimal ListPrice, string Currency, decimal TaxRate, bool Active);

public sealed record ProductRow(int Id, string NameZh, string NameEn, string Unit, decimal ListPrice, string Currency, decimal TaxRate, bool Active, long Version)
{
    public string Name(bool english) => english ? NameEn : NameZh;
}

/// <summary>The price list: everyone reads it (quotes pick from it), Admin and Finance keep it.</summary>
public sealed class ProductService(IDbContextFactory<LtcHubDbContext> contexts)
{
    public async Task<IReadOnlyList<ProductRow>> ListAsync(bool activeOnly = false)
    {
        await using var db = await contexts.CreateDbContextAsync();
        return await db.Products.AsNoTracking().Where(p => !activeOnly || p.Active).OrderBy(p => p.NameZh)
            .Select(p => new ProductRow(p.Id, p.NameZh, p.NameEn, p.Unit, p.ListPrice, p.Currency, p.TaxRate, p.Active, p.Version))
            .ToListAsync();
    }

    public async Task<int> CreateAsync(Actor actor, ProductInput input)
    {
        Require(actor);
        await using var db = await contexts.CreateDbContextAsync();
        var product = new Product(input.NameZh, input.NameEn, input.Unit, input.ListPrice, input.Currency, input.TaxRate, input.Active);
        db.Products.Add(product);
        await db.SaveChangesAsync();
        return product.Id;
    }

    /// <summary>Changes a product against the version the user saw (quotes already written keep their own copy of the line).</summary>
    public async Task UpdateAsync(Actor actor, int productId, long expectedVersion, ProductInput input)
    {
        Require(actor);
        await using var db = await contexts.CreateDbContextAsync();
        var product = await db.Products.SingleOrDefaultAsync(p => p.Id == productId) ?? throw new NotFoundException();
        if (product.Version != expectedVersion)
        {
            throw new DomainException("Error.ProductConflict");
        }

        product.Update(input.NameZh, input.NameEn, input.Unit, input.ListPrice, input.Currency, input.TaxRate, input.Active);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new DomainException("Error.ProductConflict");
        }
    }

    private static void Require(Actor actor)
    {
        if (!Product.CanManage(actor))
        {
            throw new ForbiddenException();
        }
    }
}
