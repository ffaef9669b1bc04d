param location string
param namePrefix string
param tags object = {}

@description('Container image of the functions host (OneWindow.Functions).')
param image string

@description('Resource id of the user-assigned identity the app runs as.')
param identityId string

@description('Client id of that identity, for DefaultAzureCredential / ManagedIdentityCredential.')
param identityClientId string

param logAnalyticsCustomerId string

@secure()
param logAnalyticsSharedKey string

@secure()
param appInsightsConnectionString string

param storageAccountName string
param cosmosEndpoint string
param keyVaultUri string

@description('Queues whose length drives scale-out (KEDA azure-queue rule, one per queue).')
param scaleQueues array

@description('Environment variables beyond the ones this module sets.')
param extraSettings array = []

@minValue(0)
param minReplicas int = 0

@minValue(1)
param maxReplicas int = 10

resource environment 'Microsoft.App/managedEnvironments@2024-03-01' = {
  name: '${namePrefix}-env'
  location: location
  tags: tags
  properties: {
    appLogsConfiguration: {
      destination: 'log-analytics'
      logAnalyticsConfiguration: {
        customerId: logAnalyticsCustomerId
        sharedKey: logAnalyticsSharedKey
      }
    }
    workloadProfiles: [ { name: 'Consumption', workloadProfileType: 'Consumption' } ]
  }
}

var httpRule = {
  name: 'http'
  http: { metadata: { concurrentRequests: '50' } }
}

// Queue rules authenticate with the managed identity: the storage account has no shared keys.
var queueRules = [for queue in scaleQueues: {
  name: 'queue-${queue}'
  azureQueue: {
    accountName: storageAccountName
    queueName: queue
    queueLength: 20
    identity: identityId
  }
}]

var baseSettings = [
  { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', secretRef: 'appinsights-connection-string' }
  { name: 'AZURE_CLIENT_ID', value: identityClientId }
  { name: 'AzureWebJobsStorage__accountName', value: storageAccountName }
  { name: 'AzureWebJobsStorage__credential', value: 'managedidentity' }
  { name: 'AzureWebJobsStorage__clientId', value: identityClientId }
  { name: 'Cosmos__Endpoint', value: cosmosEndpoint }
  { name: 'Cosmos__Database', value: 'onewindow' }
  { name: 'KeyVault__Uri', value: keyVaultUri }
  { name: 'ASPNETCORE_URLS', value: 'http://+:8080' }
]

resource app 'Microsoft.App/containerApps@2025-01-01' = {
  name: '${namePrefix}-functions'
  location: location
  tags: tags
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identityId}': {} }
  }
  properties: {
    environmentId: environment.id
    workloadProfileName: 'Consumption'
    configuration: {
      activeRevisionsMode: 'Single'
      ingress: {
        external: true
        targetPort: 8080
        transport: 'auto'
        allowInsecure: false
      }
      secrets: [ { name: 'appinsights-connection-string', value: appInsightsConnectionString } ]
    }
    template: {
      containers: [
        {
          name: 'functions'
          image: image
          resources: { cpu: json('0.5'), memory: '1Gi' }
          env: concat(baseSettings, extraSettings)
          probes: [
            {
              type: 'Liveness'
              httpGet: { path: '/health', port: 8080 }
              periodSeconds: 30
              failureThreshold: 3
            }
          ]
        }
      ]
      scale: {
        // Scale to zero: an idle night costs nothing; queue rules wake the app when work arrives.
        minReplicas: minReplicas
        maxReplicas: maxReplicas
        rules: concat([ httpRule ], queueRules)
      }
    }
  }
}

output fqdn string = app.properties.configuration.ingress.fqdn
output name string = app.name
output environmentName string = environment.name
