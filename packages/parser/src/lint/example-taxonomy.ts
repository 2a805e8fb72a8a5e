/** The `taxonomy.yaml` the built-in rules' examples are checked against, when they need one. */
export const exampleTaxonomy = `categories:
  - id: config-change
    label: Configuration change
    description: A change to configuration.
    synonyms: [config push]
  - id: capacity
    label: Capacity
    description: Not enough of something.
    synonyms: [overload]
triggers:
  - id: deploy
    label: Deploy
    description: A deployment.
    synonyms: [release]
`;
