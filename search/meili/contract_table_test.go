package meili

// The request bodies and query parameters Meilisearch accepts at the pinned
// tag, read from its source (github.com/meilisearch/meilisearch at
// PinnedVersion). Every request type there is declared with
// #[routes::request], whose deserr derive denies unknown fields unless the
// type says allow_unknown_fields (crates/routes-macros/src/request.rs,
// handle_item_attrs), or with an explicit deserr(deny_unknown_fields): a
// request carrying any other field is refused with 400 bad_request.
//
// To move to another tag: change PinnedVersion, read the files named below
// at the new tag (git show vX.Y.Z:path) and update the fields.

// object is the accepted shape of one JSON object.
type object struct {
	rust   string // the Rust type, for messages
	source string // path@tag of its declaration
	fields map[string]field
}

// field is one accepted key; obj, when set, is the shape of its value (an
// object, or each element of an array of objects).
type field struct {
	required bool
	obj      *object
}

func src(path string) string { return path + "@" + PinnedVersion }

func fieldsOf(names ...string) map[string]field {
	m := make(map[string]field, len(names))
	for _, n := range names {
		m[n] = field{}
	}
	return m
}

func with(m map[string]field, name string, f field) map[string]field {
	m[name] = f
	return m
}

var (
	minWordSizeForTypos = &object{"MinWordSizeTyposSetting", src("crates/meilisearch-types/src/settings.rs"),
		fieldsOf("oneTypo", "twoTypos")}
	typoSettings = &object{"TypoSettings", src("crates/meilisearch-types/src/settings.rs"),
		with(fieldsOf("enabled", "disableOnWords", "disableOnAttributes", "disableOnNumbers"),
			"minWordSizeForTypos", field{obj: minWordSizeForTypos})}
	facetingSettings = &object{"FacetingSettings", src("crates/meilisearch-types/src/settings.rs"),
		fieldsOf("maxValuesPerFacet", "sortFacetValuesBy")}
	paginationSettings = &object{"PaginationSettings", src("crates/meilisearch-types/src/settings.rs"),
		fieldsOf("maxTotalHits")}
	localizedAttributesRule = &object{"LocalizedAttributesRuleView", src("crates/meilisearch-types/src/locales.rs"),
		map[string]field{"attributePatterns": {required: true}, "locales": {required: true}}}

	settingsBody = &object{"Settings<Unchecked>", src("crates/meilisearch-types/src/settings.rs"), func() map[string]field {
		m := fieldsOf("displayedAttributes", "searchableAttributes", "filterableAttributes",
			"sortableAttributes", "foreignKeys", "rankingRules", "stopWords", "nonSeparatorTokens",
			"separatorTokens", "dictionary", "synonyms", "distinctAttribute", "proximityPrecision",
			"embedders", "searchCutoffMs", "facetSearch", "prefixSearch", "chat")
		m["typoTolerance"] = field{obj: typoSettings}
		m["faceting"] = field{obj: facetingSettings}
		m["pagination"] = field{obj: paginationSettings}
		m["localizedAttributes"] = field{obj: localizedAttributesRule}
		return m
	}()}

	searchBody = &object{"SearchQuery", src("crates/meilisearch/src/search/mod.rs"), fieldsOf(
		"q", "offset", "limit", "page", "hitsPerPage", "attributesToRetrieve", "attributesToCrop",
		"cropLength", "cropMarker", "attributesToHighlight", "highlightPreTag", "highlightPostTag",
		"showMatchesPosition", "filter", "sort", "distinct", "facets", "matchingStrategy",
		"attributesToSearchOn", "rankingScoreThreshold", "locales", "hybrid", "vector",
		"retrieveVectors", "media", "personalize", "useNetwork", "showRankingScore",
		"showRankingScoreDetails", "showPerformanceDetails")}

	indexCreateBody = &object{"IndexCreateRequest", src("crates/meilisearch/src/routes/indexes/mod.rs"),
		map[string]field{"uid": {required: true}, "primaryKey": {}}}

	swapBody = &object{"SwapIndexesPayload", src("crates/meilisearch/src/routes/swap_indexes.rs"),
		map[string]field{"indexes": {required: true}, "rename": {}}}

	createKeyBody = &object{"CreateApiKey", src("crates/meilisearch-types/src/keys.rs"), map[string]field{
		"description": {}, "name": {}, "uid": {},
		"actions": {required: true}, "indexes": {required: true}, "expiresAt": {required: true},
	}}

	updateDocumentsQuery = &object{"UpdateDocumentsQuery", src("crates/meilisearch/src/routes/indexes/documents.rs"),
		fieldsOf("primaryKey", "csvDelimiter", "customMetadata", "skipCreation")}
	customMetadataQuery = &object{"CustomMetadataQuery", src("crates/meilisearch/src/routes/indexes/documents.rs"),
		fieldsOf("customMetadata")}
	listIndexesQuery = &object{"ListIndexes", src("crates/meilisearch/src/routes/indexes/mod.rs"),
		fieldsOf("offset", "limit")}
	listKeysQuery = &object{"ListApiKeys", src("crates/meilisearch/src/routes/api_key.rs"),
		fieldsOf("offset", "limit")}
)

// body says what a route takes as its JSON body.
type body int

const (
	noBody       body = iota
	objectBody        // one object of the endpoint's shape
	arrayBody         // an array of objects of the endpoint's shape
	documentBody      // documents: any fields (the index's own data)
	idsBody           // an array of document ids
)

// endpoint is one route the adapter may call.
type endpoint struct {
	method, path string // path segments in braces match any one segment
	handler      string // the route function, for messages
	body         body
	shape        *object // the body's shape (objectBody, arrayBody)
	query        *object // accepted query parameters; nil: none
}

// endpoints are the routes the adapter uses, and nothing else may be called.
var endpoints = []endpoint{
	{method: "GET", path: "/health", handler: "get_health"},
	{method: "POST", path: "/indexes", handler: "create_index", body: objectBody, shape: indexCreateBody},
	{method: "GET", path: "/indexes", handler: "list_indexes", query: listIndexesQuery},
	{method: "GET", path: "/indexes/{uid}", handler: "get_index"},
	{method: "DELETE", path: "/indexes/{uid}", handler: "delete_index"},
	{method: "PATCH", path: "/indexes/{uid}/settings", handler: "update_all", body: objectBody, shape: settingsBody},
	{method: "GET", path: "/indexes/{uid}/settings", handler: "get_all"},
	{method: "POST", path: "/indexes/{uid}/documents", handler: "replace_documents", body: documentBody, query: updateDocumentsQuery},
	{method: "POST", path: "/indexes/{uid}/documents/delete-batch", handler: "delete_documents_batch", body: idsBody, query: customMetadataQuery},
	{method: "POST", path: "/indexes/{uid}/search", handler: "search_with_post", body: objectBody, shape: searchBody},
	{method: "POST", path: "/swap-indexes", handler: "swap_indexes", body: arrayBody, shape: swapBody},
	{method: "GET", path: "/keys", handler: "list_api_keys", query: listKeysQuery},
	{method: "POST", path: "/keys", handler: "create_api_key", body: objectBody, shape: createKeyBody},
	{method: "GET", path: "/tasks/{uid}", handler: "get_task"},
}
