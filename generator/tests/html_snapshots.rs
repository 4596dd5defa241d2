//! botocore documentation HTML that is hard to convert, as `shapegen::html::to_markdown` writes
//! it: each snapshot is named after the service and the shape (or `Shape.Member`, or operation)
//! the HTML documents in botocore 1.20.62.

mod common;

/// The documentation of `path` (`Shape`, `Shape.Member` or an operation's name) in `service`.
fn documentation(service: &str, path: &str) -> String {
    let file = common::repo().join(format!("testdata/botocore/{service}/service-2.json"));
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
    let (shape, member) = path
        .split_once('.')
        .map_or((path, None), |(s, m)| (s, Some(m)));
    let item = json["shapes"]
        .get(shape)
        .or_else(|| json["operations"].get(shape))
        .unwrap_or_else(|| panic!("{service} documents no `{shape}`"));
    let item = member.map_or(item, |member| &item["members"][member]);
    item["documentation"]
        .as_str()
        .unwrap_or_else(|| panic!("{service} `{path}` has no documentation"))
        .to_string()
}

/// One test a case, its snapshot named `<service>-<path>`, the HTML as its description.
macro_rules! snapshots {
    ($($test:ident: $service:literal $path:literal, $why:literal;)*) => {$(
        #[doc = $why]
        #[test]
        fn $test() {
            let html = documentation($service, $path);
            insta::with_settings!({ description => html.clone(), omit_expression => true }, {
                insta::assert_snapshot!(
                    concat!($service, "-", $path),
                    shapegen::html::to_markdown(&html)
                );
            });
        }
    )*};
}

snapshots! {
    line_separator_entities: "acm" "DomainValidation.ResourceRecord", "`&#x2028;` in running text.";
    definition_list: "amplify" "CustomRule.status", "`<dl>` of status codes.";
    see_also_div_and_links_without_href: "apigateway" "ApiKey", "`<a>` with no `href`, a `<div>` of links.";
    bare_url_with_braces: "apigateway" "CreateRestApiRequest.disableExecuteApiEndpoint", "A URL in text, `{api_id}` in it.";
    pre_blocks: "apigateway" "ImportRestApiRequest.parameters", "`<pre>` examples between paragraphs.";
    headings_and_http_exchanges: "apigateway" "Integration.integrationResponses", "`<h4>`/`<h5>`, empty `<p/>`, `<pre><code>` of HTTP.";
    nested_paragraphs: "apigateway" "PutGatewayResponseRequest.responseTemplates", "`<p><p>…</p></p>`.";
    code_inside_a_link: "apigateway" "Integration.connectionId", "`(<a><code>id</code></a>)`.";
    replaceable_in_text: "apigatewayv2" "Authorizer.AuthorizerUri", "`<replaceable>{account_id}</replaceable>` inside an ARN.";
    empty_unknown_tags: "appmesh" "CreateMeshInput", "`<zonbook></zonbook><xhtml></xhtml>` and nothing else.";
    nested_lists_with_bold_labels: "appsync" "LogConfig.fieldLogLevel", "Lists in lists, `<b>NONE</b>:` labels.";
    ordered_list: "autoscaling" "LifecycleHookSpecification", "`<ol>` of steps.";
    nested_lists_of_keys: "cognito-idp" "CreateIdentityProviderRequest.ProviderDetails", "A list of lists of keys.";
    important_with_a_list: "customer-profiles" "GetMatches", "`<important>`, lists after it.";
    underline_inside_code: "elasticache" "CacheCluster.ConfigurationEndpoint", "`<code>a<u>.cfg</u>b</code>`.";
    windows_1252_reference: "dynamodb" "TransactWriteItems", "`&#x97;`, which HTML reads as an em dash.";
}
