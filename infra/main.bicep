// OneWindow on Azure: Azure Functions on the Flex Consumption plan (decision 0011), Storage (blobs, queues, tables,
// the Durable Functions task hub and the app package), Cosmos DB serverless, Key Vault, one user-assigned identity,
// Log Analytics + Application Insights.
targetScope = 'resourceGroup'

@description('Azure region; defaults to the resource group region.')
param location string = resourceGroup().location

@description('Short environment name used in resource names, e.g. dev, test, prod.')
@minLength(2)
@maxLength(8)
param environmentName string

@description('Origins of the citizen and staff web front ends, allowed to upload to blob storage.')
param corsOrigins array

@description('Department codes from the catalog; each gets a Key Vault secret slot department-<code>-secret.')
param departmentCodes array

@secure()
@description('Department webhook secrets {code: secret}. Give at deploy time only; never in the repo.')
param departmentSecrets object = {}

@secure()
@description('Base64 AES key (32 bytes) for the applicant data. Give at deploy time only, or set the Key Vault secret applications-data-key later.')
param dataKey string = ''

@description('Name of the durable task hub (host.json extensions.durableTask.hubName), lowercased for queue names.')
param taskHubName string = 'onewindow'

@description('Durable partitions (host.json storageProvider.partitionCount): one control queue each.')
@minValue(1)
@maxValue(16)
param partitionCount int = 4

@description('Application queues of the function app (queue triggers) and their poison queues.')
param appQueues array = [
  'sms-outbox'
  'sms-outbox-poison'
  'review-sms-outbox'
  'review-sms-outbox-poison'
  'department-notices'
  'department-notices-poison'
  'courier-dispatch'
  'courier-dispatch-poison'
  'licence-issuance'
  'licence-issuance-poison'
  // The SMS poison queues have queue triggers of their own (the sms-failed alerts), and so poison queues too.
  'sms-outbox-poison-poison'
  'review-sms-outbox-poison-poison'
]

@description('Memory of each Flex Consumption instance in MB.')
@allowed([ 512, 2048, 4096 ])
param instanceMemoryMB int = 2048

@description('Upper bound of Flex Consumption instances.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 100

@description('Always-ready instances, e.g. [{name: \'http\', instanceCount: 1}, {name: \'durable\', instanceCount: 1}]. Billed while idle; empty = scale to zero.')
param alwaysReady array = []

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
    containerNames: [ 'uploads', 'evidence', 'licences', '${hub}-leases', '${hub}-largemessages' ]
    deploymentContainerName: 'app-package'
    principalId: identity.outputs.principalId
    tags: tags
  }
}

module cosmos 'modules/cosmos.bicep' = {
  name: 'cosmos'
  params: {
    location: location
    accountName: 'ow-${environmentName}-${suffix}'
    containers: loadJsonContent('cosmos-containers.json')
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
    dataKey: dataKey
    tags: tags
  }
}

module functions 'modules/functionapp.bicep' = {
  name: 'functions'
  params: {
    location: location
    namePrefix: namePrefix
    appName: 'ow-${environmentName}-${suffix}'
    tags: tags
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    appInsightsConnectionString: monitoring.outputs.appInsightsConnectionString
    storageAccountName: storage.outputs.name
    deploymentContainerUrl: storage.outputs.deploymentContainerUrl
    corsOrigins: corsOrigins
    cosmosEndpoint: cosmos.outputs.endpoint
    keyVaultUri: keyVault.outputs.uri
    dataKeySecretUri: keyVault.outputs.dataKeySecretUri
    departmentSecretUris: keyVault.outputs.departmentSecretUris
    // Each issuing department's SM2 signing key (hex) is a Key Vault secret licence-key-<code>, set by the operator
    // (decision 0700); the reminder timer runs daily at 09:00 (UTC) unless changed here.
    extraSettings: concat([
      { name: 'AzureFunctionsJobHost__extensions__durableTask__hubName', value: taskHubName }
      { name: 'Licences__ReminderSchedule', value: '0 0 9 * * *' }
    ], map(departmentCodes, code => { name: 'Licences__Issuers__${code}__PrivateKey', value: '@Microsoft.KeyVault(SecretUri=${keyVault.outputs.uri}secrets/licence-key-${code})' }))
    instanceMemoryMB: instanceMemoryMB
    maximumInstanceCount: maximumInstanceCount
    alwaysReady: alwaysReady
  }
}

output functionsUrl string = 'https://${functions.outputs.defaultHostName}'
output functionAppName string = functions.outputs.name
output storageAccountName string = storage.outputs.name
output cosmosEndpoint string = cosmos.outputs.endpoint
output keyVaultUri string = keyVault.outputs.uri
output identityClientId string = identity.outputs.clientId
output logAnalyticsWorkspaceId string = monitoring.outputs.workspaceId
