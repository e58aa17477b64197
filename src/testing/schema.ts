/**
 * The part of Plain's GraphQL schema that plain-events uses, written by hand for the test
 * server: the two event mutations, their inputs and outputs, every component input (with the
 * deprecated aliases Plain still parses) and `MutationError`. Names, types, nullability and
 * enum values follow Plain's schema; `npm run conformance -- schema.graphql` checks that this
 * is a subset of it. Descriptions are our own.
 */
export const PLAIN_SUBSET_SDL = /* GraphQL */ `
  type Query {
    "The workspace of the API key."
    myWorkspace: Workspace
  }

  type Mutation {
    "Creates an event shown in every thread of a customer."
    createCustomerEvent(input: CreateCustomerEventInput!): CreateCustomerEventOutput!
    "Creates an event shown in one thread."
    createThreadEvent(input: CreateThreadEventInput!): CreateThreadEventOutput!
  }

  type Workspace {
    id: ID!
    name: String!
  }

  type DateTime {
    unixTimestamp: String!
    iso8601: String!
  }

  input CustomerIdentifierInput {
    externalId: ID
    emailAddress: String
    customerId: ID
  }

  input CreateCustomerEventInput {
    customerIdentifier: CustomerIdentifierInput!
    "Unique: a second event with the same external id is refused."
    externalId: ID
    title: String!
    components: [EventComponentInput!]!
    "ISO 8601; overrides the event time."
    timestamp: String
    isCollapsed: Boolean
  }

  input CreateThreadEventInput {
    threadId: ID!
    externalId: ID
    title: String!
    components: [EventComponentInput!]!
    timestamp: String
    isCollapsed: Boolean
  }

  type CreateCustomerEventOutput {
    customerEvent: CustomerEvent
    error: MutationError
  }

  type CreateThreadEventOutput {
    threadEvent: ThreadEvent
    error: MutationError
  }

  type CustomerEvent {
    id: ID!
    isCollapsed: Boolean!
    customerId: ID!
    title: String!
    createdAt: DateTime!
    updatedAt: DateTime!
  }

  type ThreadEvent {
    id: ID!
    isCollapsed: Boolean!
    customerId: ID!
    threadId: ID!
    title: String!
    createdAt: DateTime!
    updatedAt: DateTime!
  }

  type MutationError {
    message: String!
    type: MutationErrorType!
    code: String!
    fields: [MutationFieldError!]!
  }

  type MutationFieldError {
    field: String!
    message: String!
    type: MutationFieldErrorType!
  }

  enum MutationErrorType {
    VALIDATION
    FORBIDDEN
    INTERNAL
  }

  enum MutationFieldErrorType {
    VALIDATION
    REQUIRED
    NOT_FOUND
  }

  "One component of an event: exactly one field may be set."
  input EventComponentInput {
    componentText: ComponentTextInput
    componentPlainText: ComponentPlainTextInput
    componentDivider: ComponentDividerInput
    componentLinkButton: ComponentLinkButtonInput
    componentWorkflowButton: ComponentWorkflowButtonInput
    componentSpacer: ComponentSpacerInput
    componentBadge: ComponentBadgeInput
    componentCopyButton: ComponentCopyButtonInput
    componentDateTime: ComponentDateTimeInput
    componentUser: ComponentUserInput
    componentRow: ComponentRowInput
    componentContainer: ComponentContainerInput
  }

  "One component of a customer card: exactly one field may be set."
  input ComponentInput {
    componentText: ComponentTextInput
    componentPlainText: ComponentPlainTextInput
    componentDivider: ComponentDividerInput
    componentLinkButton: ComponentLinkButtonInput
    componentWorkflowButton: ComponentWorkflowButtonInput
    componentSpacer: ComponentSpacerInput
    componentBadge: ComponentBadgeInput
    componentCopyButton: ComponentCopyButtonInput
    componentDateTime: ComponentDateTimeInput
    componentUser: ComponentUserInput
    componentRow: ComponentRowInput
    componentContainer: ComponentContainerInput
  }

  "What a container may hold: no containers."
  input ComponentContainerContentInput {
    componentText: ComponentTextInput
    componentPlainText: ComponentPlainTextInput
    componentDivider: ComponentDividerInput
    componentLinkButton: ComponentLinkButtonInput
    componentWorkflowButton: ComponentWorkflowButtonInput
    componentSpacer: ComponentSpacerInput
    componentBadge: ComponentBadgeInput
    componentCopyButton: ComponentCopyButtonInput
    componentDateTime: ComponentDateTimeInput
    componentUser: ComponentUserInput
    componentRow: ComponentRowInput
  }

  "What a row may hold: no rows, no containers."
  input ComponentRowContentInput {
    componentText: ComponentTextInput
    componentPlainText: ComponentPlainTextInput
    componentDivider: ComponentDividerInput
    componentLinkButton: ComponentLinkButtonInput
    componentWorkflowButton: ComponentWorkflowButtonInput
    componentSpacer: ComponentSpacerInput
    componentBadge: ComponentBadgeInput
    componentCopyButton: ComponentCopyButtonInput
    componentDateTime: ComponentDateTimeInput
    componentUser: ComponentUserInput
  }

  input ComponentTextInput {
    "Markdown, 1 to 10000 characters."
    text: String!
    textSize: ComponentTextSize
    textColor: ComponentTextColor
    color: ComponentTextColor @deprecated(reason: "use textColor instead")
    size: ComponentTextSize @deprecated(reason: "use textSize instead")
  }

  input ComponentPlainTextInput {
    "1 to 10000 characters, no Markdown."
    plainText: String!
    plainTextSize: ComponentPlainTextSize
    plainTextColor: ComponentPlainTextColor
  }

  input ComponentDividerInput {
    dividerSpacingSize: ComponentDividerSpacingSize
    spacingSize: ComponentDividerSpacingSize @deprecated(reason: "use dividerSpacingSize instead")
  }

  input ComponentLinkButtonInput {
    "An absolute URL."
    linkButtonUrl: String
    "At most 500 characters."
    linkButtonLabel: String
    url: String @deprecated(reason: "use linkButtonUrl instead")
    label: String @deprecated(reason: "use linkButtonLabel instead")
  }

  input ComponentWorkflowButtonInput {
    workflowButtonWorkflowIdentifier: ComponentWorkflowButtonWorkflowIdentifierInput!
    "At most 500 characters."
    workflowButtonLabel: String!
  }

  input ComponentWorkflowButtonWorkflowIdentifierInput {
    workflowId: ID
    workflowKey: String
  }

  input ComponentSpacerInput {
    "Nullable only while the deprecated alias exists; always send it."
    spacerSize: ComponentSpacerSize
    size: ComponentSpacerSize @deprecated(reason: "use spacerSize instead")
  }

  input ComponentBadgeInput {
    "At most 500 characters."
    badgeLabel: String!
    badgeColor: ComponentBadgeColor
  }

  input ComponentCopyButtonInput {
    "At most 1000 characters."
    copyButtonValue: String!
    "At most 500 characters."
    copyButtonTooltipLabel: String
  }

  input ComponentDateTimeInput {
    "ISO 8601."
    dateTimeIso8601: String!
  }

  input ComponentUserInput {
    userIdentifier: UserIdentifierInput!
  }

  input UserIdentifierInput {
    userId: ID
    emailAddress: String
    machineUserId: ID
  }

  input ComponentRowInput {
    "At least one component."
    rowMainContent: [ComponentRowContentInput!]!
    "At least one component."
    rowAsideContent: [ComponentRowContentInput!]!
  }

  input ComponentContainerInput {
    "At least one component."
    containerContent: [ComponentContainerContentInput!]!
  }

  enum ComponentTextSize {
    S
    M
    L
  }

  enum ComponentTextColor {
    NORMAL
    MUTED
    SUCCESS
    WARNING
    ERROR
  }

  enum ComponentPlainTextSize {
    S
    M
    L
  }

  enum ComponentPlainTextColor {
    NORMAL
    MUTED
    SUCCESS
    WARNING
    ERROR
  }

  enum ComponentDividerSpacingSize {
    XS
    S
    M
    L
    XL
  }

  enum ComponentSpacerSize {
    XS
    S
    M
    L
    XL
  }

  enum ComponentBadgeColor {
    GREY
    GREEN
    YELLOW
    RED
    BLUE
  }
`;
