using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace IntegrationHub.Web.FunctionalTests.Support;

/// <summary>Small helpers that keep the tests about behaviour rather than plumbing.</summary>
public static class Api
{
    public static async Task<JsonNode> Json(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(expected, "the body was: {0}", body);
        return JsonNode.Parse(body.Length == 0 ? "null" : body) ?? JsonValue.Create("")!;
    }

    public static async Task<JsonNode> ProblemAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        // Every refusal is problem details, said in its content type: a missing header is a failure, not a pass.
        response.Content.Headers.ContentType.Should().NotBeNull("a problem names its media type ({0} {1})",
            response.RequestMessage?.Method, response.RequestMessage?.RequestUri?.PathAndQuery);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var problem = await response.Json(expected);
        problem["status"]!.GetValue<int>().Should().Be((int)expected);
        problem["title"]!.GetValue<string>().Should().NotBeNullOrWhiteSpace();
        return problem;
    }

    public static Task<HttpResponseMessage> PostJson(this HttpClient client, string url, object body) =>
        client.PostAsJsonAsync(url, body);

    public static Task<HttpResponseMessage> PostRaw(this HttpClient client, string url, string body,
        string contentType = "application/json") =>
        client.PostAsync(url, new StringContent(body, System.Text.Encoding.UTF8, contentType));

    public static async Task<JsonNode> GetJson(this HttpClient client, string url, HttpStatusCode expected = HttpStatusCode.OK) =>
        await (await client.GetAsync(url)).Json(expected);

    public static int Id(this JsonNode node) => node["id"]!.GetValue<int>();

    public static string Str(this JsonNode node, string name) => node[name]!.GetValue<string>();

    public static JsonElement AsElement(this JsonNode node) => JsonDocument.Parse(node.ToJsonString()).RootElement;
}
