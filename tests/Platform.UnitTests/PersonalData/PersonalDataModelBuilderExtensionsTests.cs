using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Platform.BuildingBlocks.PersonalData;

namespace Platform.UnitTests.PersonalData;

/// <summary>The mapping a module declares for a personal value: two columns, an index, no plaintext column.</summary>
public sealed class PersonalDataModelBuilderExtensionsTests
{
    [Fact]
    public void A_mapped_identity_number_becomes_a_ciphertext_and_a_unique_blind_index_column()
    {
        using var context = new HolderContext();
        var holder = context.Model.FindEntityType(typeof(Holder))!;
        var owned = holder.FindNavigation(nameof(Holder.IdNumber))!.TargetEntityType;
        var table = StoreObjectIdentifier.Table("holders");

        Assert.Equal("id_number_ciphertext", owned.FindProperty(nameof(EncryptedPersonalData.Ciphertext))!.GetColumnName(table));
        Assert.Equal("id_number_blind_index", owned.FindProperty(nameof(EncryptedPersonalData.BlindIndex))!.GetColumnName(table));
        var index = Assert.Single(owned.GetIndexes());
        Assert.True(index.IsUnique);
        Assert.Equal(nameof(EncryptedPersonalData.BlindIndex), Assert.Single(index.Properties).Name);
        Assert.False(owned.FindProperty(nameof(EncryptedPersonalData.Ciphertext))!.IsNullable);
    }

    [Fact]
    public void A_phone_number_may_be_shared_so_its_index_is_not_unique()
    {
        using var context = new HolderContext();
        var owned = context.Model.FindEntityType(typeof(Holder))!.FindNavigation(nameof(Holder.Phone))!.TargetEntityType;

        Assert.False(Assert.Single(owned.GetIndexes()).IsUnique);
    }

    [Fact]
    public void A_stored_value_keeps_only_ciphertext_and_blind_index()
    {
        var value = EncryptedPersonalData.From(new ProtectedPersonalData("v1.k.abc", "index"));

        Assert.Equal("v1.k.abc", value.Ciphertext);
        Assert.Equal("index", value.BlindIndex);
        Assert.Throws<ArgumentException>(() => new EncryptedPersonalData("", "index"));
    }

    private sealed class Holder
    {
        public int Id { get; set; }

        public EncryptedPersonalData IdNumber { get; set; } = null!;

        public EncryptedPersonalData Phone { get; set; } = null!;
    }

    private sealed class HolderContext : DbContext
    {
        protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder) =>
            optionsBuilder.UseSqlite("Data Source=:memory:");

        protected override void OnModelCreating(ModelBuilder modelBuilder) =>
            modelBuilder.Entity<Holder>(holder =>
            {
                holder.ToTable("holders");
                holder.OwnsPersonalData(h => h.IdNumber, "id_number", unique: true);
                holder.OwnsPersonalData(h => h.Phone, "phone", unique: false);
            });
    }
}
