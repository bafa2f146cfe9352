using System.Text.Json;
using System.Text.Json.Serialization;

namespace Platform.BuildingBlocks.Messaging;

/// <summary>The one JSON shape events are stored in: camelCase, enums as strings.</summary>
public static class IntegrationEventSerializer
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public static string Serialize(object integrationEvent) =>
        JsonSerializer.Serialize(integrationEvent, integrationEvent.GetType(), Options);

    public static T Deserialize<T>(string payload) =>
        JsonSerializer.Deserialize<T>(payload, Options) ?? throw new JsonException($"Empty payload for {typeof(T).Name}.");
}
