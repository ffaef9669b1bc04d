param location string

@description('Globally unique Cosmos DB account name.')
param accountName string

param databaseName string = 'onewindow'

@description('Containers of the onewindow database: [{name, partitionKey}] (infra/cosmos-containers.json, which a test keeps equal to what the app declares).')
param containers array

@description('Principal (managed identity) given the built-in data contributor role.')
param principalId string

param tags object = {}

resource account 'Microsoft.DocumentDB/databaseAccounts@2024-11-15' = {
  name: accountName
  location: location
  tags: tags
  kind: 'GlobalDocumentDB'
  properties: {
    databaseAccountOfferType: 'Standard'
    // Serverless: pay per request, nothing to pay for an idle county at night.
    capabilities: [ { name: 'EnableServerless' } ]
    consistencyPolicy: { defaultConsistencyLevel: 'Session' }
    locations: [ { locationName: location, failoverPriority: 0, isZoneRedundant: false } ]
    disableLocalAuth: true
    minimalTlsVersion: 'Tls12'
  }
}

resource database 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases@2024-11-15' = {
  parent: account
  name: databaseName
  properties: {
    resource: { id: databaseName }
  }
}

// The app cannot create them itself: with local auth off, Cosmos DB's data-plane roles do not include creating containers.
resource sqlContainers 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2024-11-15' = [for container in containers: {
  parent: database
  name: container.name
  properties: {
    resource: {
      id: container.name
      partitionKey: { paths: [ container.partitionKey ], kind: 'Hash', version: 2 }
      // TTL on, no default: only documents carrying a ttl field expire (upload reservations, delivery ids).
      // The emulator ignores TTL, so the code also checks expiry on read and sweeps with a timer (BRIEF D4).
      defaultTtl: -1
    }
  }
}]

// Cosmos DB Built-in Data Contributor (a data-plane role, assigned through sqlRoleAssignments, not Azure RBAC).
var dataContributorRoleId = '00000000-0000-0000-0000-000000000002'

resource dataContributor 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2024-11-15' = {
  parent: account
  name: guid(account.id, principalId, dataContributorRoleId)
  properties: {
    principalId: principalId
    roleDefinitionId: '${account.id}/sqlRoleDefinitions/${dataContributorRoleId}'
    scope: account.id
  }
}

output endpoint string = account.properties.documentEndpoint
output name string = account.name
