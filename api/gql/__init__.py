"""The GraphQL API: schema, types generated from the domain model, loaders and limits."""
