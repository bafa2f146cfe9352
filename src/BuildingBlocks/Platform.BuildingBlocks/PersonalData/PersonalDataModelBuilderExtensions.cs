using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Platform.BuildingBlocks.PersonalData;

/// <summary>The one way a module maps a personal value: two columns and an index on the blind index.</summary>
public static class PersonalDataModelBuilderExtensions
{
    /// <summary>Length of a v1 ciphertext of an 18-character identity number is about 80; room for longer values and key ids.</summary>
    public const int CiphertextMaxLength = 256;

    /// <summary>Base64url of a SHA-256 HMAC.</summary>
    public const int BlindIndexLength = 43;

    /// <summary>
    /// Maps <paramref name="property"/> as columns <c>&lt;prefix&gt;_ciphertext</c> and
    /// <c>&lt;prefix&gt;_blind_index</c>, with an index on the blind index, unique when each person may
    /// appear once (duplicate detection by the database, not by a race-prone check).
    /// </summary>
    public static EntityTypeBuilder<TEntity> OwnsPersonalData<TEntity>(
        this EntityTypeBuilder<TEntity> entity, Expression<Func<TEntity, EncryptedPersonalData?>> property, string columnPrefix, bool unique)
        where TEntity : class
    {
        ArgumentNullException.ThrowIfNull(entity);
        ArgumentException.ThrowIfNullOrWhiteSpace(columnPrefix);
        entity.OwnsOne(property, owned =>
        {
            owned.Property(v => v.Ciphertext).HasColumnName($"{columnPrefix}_ciphertext").HasMaxLength(CiphertextMaxLength).IsRequired();
            owned.Property(v => v.BlindIndex).HasColumnName($"{columnPrefix}_blind_index").HasMaxLength(BlindIndexLength).IsFixedLength().IsRequired();
            owned.HasIndex(v => v.BlindIndex).IsUnique(unique);
        });
        entity.Navigation(property!).IsRequired();
        return entity;
    }
}
