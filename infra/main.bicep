// OneWindow on Azure (BRIEF D5, D6): Container Apps for the functions host, Storage (blobs, queues, tables),
// Cosmos DB serverless, Key Vault, one user-assigned identity, Log Analytics + Application Insights.
targetScope = 'resourceGroup'

@description('Azure region; defaults to the resource group region.')
param location string = resourceGroup().location

@description('Short environment name used in resource names, e.g. dev, test, prod.')
@minLength(2)
@maxLength(8)
param environmentName string

@description('Container image of the functions host.')
param image string

@description('Origins of the citizen and staff web front ends, allowed to upload to blob storage.')
param corsOrigins array

@description('Department codes from the catalog; each gets a Key Vault secret slot department-<code>-secret.')
param departmentCodes array

@secure()
@description('Department webhook secrets {code: secret}. Give at deploy time only; never in the repo.')
param departmentSecrets object = {}

@description('Name of the durable task hub (host.json extensions.durableTask.hubName), lowercased for queue names.')
param taskHubName string = 'onewindow'

@description('Durable partitions (host.json storageProvider.partitionCount): one control queue each.')
@minValue(1)
@maxValue(16)
param partitionCount int = 4

@description('Application queues of the functions host (queue triggers).')
param appQueues array = [ 'notifications', 'deliveries', 'department-pushes' ]

@minValue(0)
param minReplicas int = 0

@minValue(1)
param maxReplicas int = 10

param tags object = {
  application: 'onewindow'
  environment: environmentName
}

var namePrefix = 'ow-${environmentName}'
var suffix = uniqueString(resourceGroup().id, environmentName)
var hub = toLower(taskHubName)
var controlQueues = [for i in range(0, partitionCount): '${hub}-control-${padLeft(string(i), 2, '0')}']
var workItemQueue = '${hub}-workitems'

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    location: location
    namePrefix: namePrefix
    tags: tags
  }
}

module identity 'modules/identity.bicep' = {
  name: 'identity'
  params: {
    location: location
    namePrefix: namePrefix
    tags: tags
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    location: location
    // Storage names allow only lowercase letters and digits.
    accountName: 'ow${toLower(replace(environmentName, '-', ''))}${suffix}'
    corsOrigins: corsOrigins
    queueNames: concat(appQueues, controlQueues, [ workItemQueue ])
    tableNames: [ '${hub}History', '${hub}Instances', 'onewindowTimers', 'onewindowLeases' ]
    containerNames: [ 'materials', 'licences', '${hub}-leases', '${hub}-largemessages' ]
    principalId: identity.outputs.principalId
    tags: tags
  }
}

module cosmos 'modules/cosmos.bicep' = {
  name: 'cosmos'
  params: {
    location: location
    accountName: 'ow-${environmentName}-${suffix}'
    containerNames: [ 'catalog', 'applications', 'tasks', 'worklists', 'licences', 'supervision', 'users' ]
    principalId: identity.outputs.principalId
    tags: tags
  }
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  params: {
    location: location
    vaultName: take('ow-${environmentName}-${suffix}', 24)
    principalId: identity.outputs.principalId
    departmentCodes: departmentCodes
    departmentSecrets: departmentSecrets
    tags: tags
  }
}

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' existing = {
  name: '${namePrefix}-logs'
  dependsOn: [ monitoring ]
}

module functions 'modules/containerapp.bicep' = {
  name: 'functions'
  params: {
    location: location
    namePrefix: namePrefix
    tags: tags
    image: image
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    logAnalyticsCustomerId: monitoring.outputs.workspaceCustomerId
    logAnalyticsSharedKey: workspace.listKeys().primarySharedKey
    appInsightsConnectionString: monitoring.outputs.appInsightsConnectionString
    storageAccountName: storage.outputs.name
    cosmosEndpoint: cosmos.outputs.endpoint
    keyVaultUri: keyVault.outputs.uri
    scaleQueues: concat(appQueues, [ workItemQueue, controlQueues[0] ])
    extraSettings: [
      { name: 'AzureFunctionsJobHost__extensions__durableTask__hubName', value: taskHubName }
    ]
    minReplicas: minReplicas
    maxReplicas: maxReplicas
  }
}

output functionsUrl string = 'https://${functions.outputs.fqdn}'
output storageAccountName string = storage.outputs.name
output cosmosEndpoint string = cosmos.outputs.endpoint
output keyVaultUri string = keyVault.outputs.uri
output identityClientId string = identity.outputs.clientId
output logAnalyticsWorkspaceId string = monitoring.outputs.workspaceId
