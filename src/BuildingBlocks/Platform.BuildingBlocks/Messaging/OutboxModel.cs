using Microsoft.EntityFrameworkCore;

namespace Platform.BuildingBlocks.Messaging;

/// <summary>The outbox and inbox tables every module context carries.</summary>
internal static class OutboxModel
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<OutboxMessage>(message =>
        {
            message.ToTable("outbox_messages");
            message.HasKey(m => m.Id);
            message.Property(m => m.EventName).HasMaxLength(200).IsRequired();
            message.Property(m => m.Payload).IsRequired();
            message.Property(m => m.TraceParent).HasMaxLength(64);
            message.HasIndex(m => m.OccurredAt);
        });

        modelBuilder.Entity<OutboxDelivery>(delivery =>
        {
            delivery.ToTable("outbox_deliveries");
            delivery.HasKey(d => d.Id);
            delivery.Property(d => d.Consumer).HasMaxLength(200).IsRequired();
            delivery.Property(d => d.LeaseOwner).HasMaxLength(100);
            delivery.Property(d => d.LastError).HasMaxLength(2000);
            delivery.HasIndex(d => new { d.MessageId, d.Consumer }).IsUnique();
            delivery.HasIndex(d => new { d.Status, d.NextAttemptAt });
            delivery.HasOne<OutboxMessage>().WithMany().HasForeignKey(d => d.MessageId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<InboxRecord>(inbox =>
        {
            inbox.ToTable("inbox_records");
            inbox.HasKey(i => new { i.MessageId, i.Consumer });
            inbox.Property(i => i.Consumer).HasMaxLength(200);
        });
    }
}
